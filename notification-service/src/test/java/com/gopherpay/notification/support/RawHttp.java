package com.gopherpay.notification.support;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 written by hand, for requests an HTTP client library won't make: a chunked body that is never finished,
 * a declared length whose body never comes, a URI or header the client would refuse to send.
 */
public final class RawHttp {

    /** Writes the body of a request, possibly only part of it. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * An answer.
     *
     * @param status the status code
     * @param headers header names in lower case, the last value of each
     * @param body the body as text
     * @param bodyBytesSentBeforeAnswer how many bytes of the request body had been handed to the socket when the
     *     status line arrived: far less than the whole body means the server answered without reading it all
     */
    public record Response(int status, Map<String, String> headers, String body, long bodyBytesSentBeforeAnswer) {}

    private RawHttp() {}

    /**
     * Sends {@code head} (request line and headers, without the blank line) and whatever {@code body} writes, then
     * returns the status code of the answer, which must come within 10 seconds.
     */
    public static int status(String baseUrl, String head, BodyWriter body) {
        return exchange(baseUrl, head, body).status();
    }

    /**
     * Like {@link #status} with the whole answer. The body is written on another thread while the answer is read,
     * so a server that answers early (and stops reading) is heard even while the upload is still blocked, and a
     * failure to write the rest (the server closed the connection) is not an error.
     */
    public static Response exchange(String baseUrl, String head, BodyWriter body) {
        return exchange(baseUrl, head, body, false);
    }

    /** Like {@link #exchange(String, String, BodyWriter)}; {@code halfClose} ends the upload after the body (EOF). */
    public static Response exchange(String baseUrl, String head, BodyWriter body, boolean halfClose) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            AtomicLong sent = new AtomicLong();
            OutputStream raw = socket.getOutputStream();
            raw.write((head + "\r\nHost: " + uri.getHost() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            raw.flush();
            OutputStream counting = new FilterOutputStream(raw) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    sent.addAndGet(len);
                }
            };
            Thread writer = new Thread(() -> {
                try {
                    body.write(counting);
                    counting.flush();
                    if (halfClose) {
                        socket.shutdownOutput();
                    }
                } catch (IOException e) {
                    // The server answered and closed the connection before taking the whole body.
                }
            });
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            String statusLine = readLine(in);
            long sentBeforeAnswer = sent.get();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            String text = readBody(in, headers);
            socket.close();
            writer.join(10_000);
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, text, sentBeforeAnswer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16);
                    size > 0;
                    size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            return body.toString(StandardCharsets.UTF_8);
        }
        return "";
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }
}
