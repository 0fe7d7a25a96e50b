package io.integrationshub.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server standing where PostgreSQL should be: it either drops every connection at once (the
 * database is down) or accepts and never answers (the database hangs).
 */
public class FakeDatabaseServer implements QuarkusTestResourceLifecycleManager {
    public enum Mode { DROP, HANG }

    public static volatile Mode mode = Mode.DROP;
    private ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    if (mode == Mode.DROP) {
                        socket.close();
                    } else {
                        held.add(socket);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-database");
        acceptor.setDaemon(true);
        acceptor.start();
        String hostPort = "127.0.0.1:" + server.getLocalPort();
        return Map.of("quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/nowhere",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/nowhere");
    }

    @Override
    public void stop() {
        try {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        } catch (IOException ignored) {
            // test teardown
        }
    }
}
