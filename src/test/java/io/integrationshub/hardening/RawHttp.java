package io.integrationshub.hardening;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, for what RestAssured cannot send or observe (unfinished bodies, closed connections). */
final class RawHttp implements AutoCloseable {
    final Socket socket;

    RawHttp() throws IOException {
        socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(10_000);
    }

    RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads one response: status line and headers, and its body (Content-Length or chunked). */
    Response read() throws IOException {
        Response head = readHead();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.writeBytes(in.readNBytes(size));
                in.readNBytes(2);
            }
            in.readNBytes(2);
        } else if (head.header("Content-Length") != null) {
            body.writeBytes(in.readNBytes(Integer.parseInt(head.header("Content-Length"))));
        }
        return new Response(head.head(), body.toString(StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return Integer.parseInt(line.toString().trim(), 16);
    }

    /** Reads the status line and headers only, leaving any body unread. */
    Response readHead() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a full response head: " + head);
            }
            head.write(b);
        }
        return new Response(head.toString(StandardCharsets.ISO_8859_1), "");
    }

    /** True when the server closes the connection within the time (end of stream or reset). */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(String head, String body) {
        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
