package com.gopherpay.identity.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client library sends: malformed request lines and headers,
 * bodies shorter than declared, and bodies streamed while the answer is read.
 */
final class RawHttp {

    private RawHttp() {}

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and no body. */
    static Answer send(int port, String head) throws IOException {
        return send(port, head, new byte[0], false);
    }

    /** Sends the head and {@code body}; with {@code halfClose} the client then shuts its side, as a truncated upload. */
    static Answer send(int port, String head, byte[] body, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return Answer.read(socket.getInputStream(), 0);
        }
    }

    /**
     * Sends the head, then streams up to {@code bodyBytes} bytes (as chunks when {@code chunked}) from another thread
     * while reading the answer. The answer records how much of the body had been written when it arrived.
     */
    static Answer stream(int port, String head, long bodyBytes, boolean chunked) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            AtomicLong written = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                byte[] block = new byte[64 * 1024];
                java.util.Arrays.fill(block, (byte) 'a');
                byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (!stop.get() && written.get() < bodyBytes) {
                        if (chunked) {
                            out.write(chunkHead);
                        }
                        out.write(block);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        written.addAndGet(block.length);
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server closed the connection: expected once it has answered.
                }
            });
            writer.setDaemon(true);
            writer.start();
            Answer answer;
            try {
                answer = Answer.read(socket.getInputStream(), written.get());
                answer = answer.withBodyBytesWritten(written.get());
            } finally {
                stop.set(true);
            }
            socket.close();
            writer.join(30_000);
            return answer;
        }
    }

    record Answer(int status, Map<String, String> headers, String body, long bodyBytesWritten) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        Answer withBodyBytesWritten(long bytes) {
            return new Answer(status, headers, body, bytes);
        }

        static Answer read(InputStream in, long written) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new SocketException("The connection closed without an answer");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String length = headers.get("content-length");
            if (length != null) {
                byte[] bytes = in.readNBytes(Integer.parseInt(length));
                body.write(bytes);
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in).trim(), 16);
                        size > 0;
                        size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            }
            return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), written);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
