package io.integrationshub.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on loopback (the JDK's server, not the code under test): records every request
 * and answers each path from a script of responses (then 200 "ok"), optionally after a delay.
 */
final class Receiver implements AutoCloseable {
    record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "answer " + status, 0);
        }

        static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body, 0);
        }

        Answer header(String name, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, more, body, delayMillis);
        }

        Answer delay(long millis) {
            return new Answer(status, headers, body, millis);
        }
    }

    record Received(String method, String path, Map<String, String> headers, byte[] body, long atNanos, long atMillis) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Answer> always = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next requests to {@code path} get these answers in order, then 200. */
    Receiver script(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** Every request to {@code path} gets this answer once its script is used up. */
    Receiver always(String path, Answer answer) {
        always.put(path, answer);
        return this;
    }

    List<Received> requests(String path) {
        List<Received> matching = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path)) {
                matching.add(r);
            }
        }
        return matching;
    }

    int maxInFlight(String path) {
        return maxInFlight.getOrDefault(path, new AtomicInteger()).get();
    }

    /** Waits until {@code path} has received at least {@code count} requests (a deadlock guard, not a timing claim). */
    List<Received> await(String path, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests(path).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " received " + requests(path).size() + " of " + count + " requests within " + timeout);
            }
            sleep(10);
        }
        return requests(path);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        AtomicInteger current = inFlight.computeIfAbsent(path, p -> new AtomicInteger());
        int now = current.incrementAndGet();
        maxInFlight.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            received.add(new Received(exchange.getRequestMethod(), path, headers, body, System.nanoTime(),
                    System.currentTimeMillis()));
            Deque<Answer> script = scripts.get(path);
            Answer answer = script == null ? null : script.poll();
            if (answer == null) {
                answer = always.getOrDefault(path, Answer.of(200, "ok"));
            }
            if (answer.delayMillis() > 0) {
                sleep(answer.delayMillis());
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client gave up (timeout test): nothing to answer
        } finally {
            current.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
