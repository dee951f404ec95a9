package com.gopherpay.notification.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand, for requests an HTTP client library won't make: a chunked body that is never finished,
 * or a declared length whose body never comes.
 */
public final class RawHttp {

    /** Writes the body of a request, possibly only part of it. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private RawHttp() {}

    /**
     * Sends {@code head} (request line and headers, without the blank line) and whatever {@code body} writes, then
     * returns the status code of the answer, which must come within 10 seconds.
     */
    public static int status(String baseUrl, String head, BodyWriter body) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: " + uri.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(out);
            out.flush();
            String statusLine = readLine(socket.getInputStream());
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }
}
