package com.gopherpay.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A blocking HTTP/1.1 client for a load generator that sends many small JSON POSTs to one plain-HTTP server: one
 * keep-alive connection per calling thread, the request written in one go, the status and body read back in full.
 * {@link Http} (java.net.http) costs the benchmark JVM several times as much CPU per request (its selector thread,
 * futures and the hand-offs between them), which a profile of the notification benchmark showed as the largest part
 * of the load generator's cost, taken from the same two cores as the service under test. Not a general client: no
 * TLS, no redirects, no {@code Expect}; a server's {@code Connection: close} or a connection it closed while idle opens
 * a new one.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** What the server answered. */
    record Response(int statusCode, String body) {}

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();

    /** POSTs {@code body} as JSON (serialised by {@link Http#JSON}) to {@code url} with the given extra headers. */
    Response postJson(URI url, Object body, Map<String, String> headers) throws IOException {
        byte[] json = Http.JSON.writeValueAsBytes(body);
        StringBuilder head = new StringBuilder(256)
                .append("POST ")
                .append(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
        if (url.getRawQuery() != null) {
            head.append('?').append(url.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ")
                .append(url.getHost())
                .append(':')
                .append(url.getPort())
                .append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(json.length)
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] request = concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), json);

        Connection connection = connections.get();
        if (connection != null && connection.reusable(url)) {
            try {
                return connection.exchange(request);
            } catch (StaleConnection e) {
                // Closed by the server while idle, before it answered anything: send again on a new connection.
                connection.close();
            }
        } else if (connection != null) {
            connection.close();
        }
        connection = new Connection(url);
        connections.set(connection);
        all.add(connection);
        try {
            return connection.exchange(request);
        } catch (StaleConnection e) {
            throw new IOException("The server closed a new connection without answering", e);
        }
    }

    @Override
    public void close() {
        all.forEach(Connection::close);
        all.clear();
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** The connection closed (or broke) before a byte of the answer came back. */
    private static final class StaleConnection extends IOException {
        StaleConnection(Throwable cause) {
            super(cause);
        }

        StaleConnection() {
            super("connection closed before the status line");
        }
    }

    private static final class Connection {

        private final String host;
        private final int port;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean open = true;

        Connection(URI url) throws IOException {
            if (!"http".equals(url.getScheme()) || url.getPort() < 0) {
                throw new IllegalArgumentException("Plain http with an explicit port only: " + url);
            }
            this.host = url.getHost();
            this.port = url.getPort();
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }

        boolean reusable(URI url) {
            return open && host.equals(url.getHost()) && port == url.getPort();
        }

        Response exchange(byte[] request) throws IOException {
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                throw new StaleConnection(e);
            }
            String statusLine = readLine(true);
            if (statusLine == null) {
                throw new StaleConnection();
            }
            // "HTTP/1.1 201 " or "HTTP/1.1 201 Created"
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    closeAfter = value.equalsIgnoreCase("close");
                }
            }
            String body;
            if (chunked) {
                body = readChunked();
            } else if (length >= 0) {
                body = new String(readFully((int) length), StandardCharsets.UTF_8);
            } else {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                closeAfter = true;
            }
            if (closeAfter) {
                close();
            }
            return new Response(status, body);
        }

        private String readChunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(false);
                int semicolon = size.indexOf(';');
                int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (chunk == 0) {
                    while (!readLine(false).isEmpty()) {
                        // trailers
                    }
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(readFully(chunk));
                readLine(false);
            }
        }

        private byte[] readFully(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new IOException("Connection closed in the middle of a response body");
            }
            return bytes;
        }

        /** A CRLF-terminated line; at the start of a response, null if the connection closed before any byte. */
        private String readLine(boolean first) throws IOException {
            StringBuilder line = new StringBuilder(64);
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                if (first) {
                    throw new StaleConnection(e);
                }
                throw e;
            }
            if (b < 0) {
                if (first) {
                    return null;
                }
                throw new IOException("Connection closed in the middle of a response");
            }
            while (b != '\n') {
                if (b < 0) {
                    throw new IOException("Connection closed in the middle of a response");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
                b = in.read();
            }
            return line.toString();
        }

        void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing to do: the connection is dropped either way.
            }
        }
    }
}
