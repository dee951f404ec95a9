package com.gopherpay.identity.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Caps every request body before any filter or servlet sees the request: it runs in Tomcat's context pipeline, so
 * Spring's filters (form parsing included), the dispatcher and unmapped paths all come after it, whatever the method,
 * path or content type. A body declared larger than the cap is refused at once; any other body is read here, at most
 * one byte past the cap, and refused as soon as it crosses it, chunked or not. A body within the cap is handed on from
 * memory, so nothing downstream can read more than the cap from the connection.
 *
 * <p>Deciding by path would let {@code /%61uth/register} or {@code /auth;x=1/register} through unlimited, and a filter
 * could still run after others that read the body (Spring's form filter read whole PUT bodies into the heap).
 */
final class BodySizeLimitValve extends ValveBase {

    private final int limit;

    BodySizeLimitValve(long limit) {
        super(true);
        if (limit < 0 || limit >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("identity.http.max-body-size must be between 0 and 2 GiB");
        }
        this.limit = (int) limit;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared > limit) {
            tooLarge(response);
            return;
        }
        if (declared > 0 || chunked) {
            byte[] body;
            try {
                body = readAtMost(request.getInputStream(), limit + 1);
            } catch (IOException e) {
                // The client sent less than it declared, or stopped sending: answer if the connection still lets us.
                response.setHeader("Connection", "close");
                Problems.write(
                        response,
                        400,
                        "malformed-request",
                        "Malformed request",
                        "The request body ended before the length the request declared.");
                return;
            }
            if (body.length > limit) {
                tooLarge(response);
                return;
            }
            request.setRequest(new BufferedBodyRequest(request.getRequest(), body));
        }
        getNext().invoke(request, response);
    }

    private void tooLarge(Response response) throws IOException {
        // The rest of the body is not read: the connection closes after the answer (Tomcat drains a bounded amount).
        response.setHeader("Connection", "close");
        Problems.write(
                response,
                413,
                "payload-too-large",
                "Request too large",
                "The request body is larger than " + limit + " bytes.");
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] buffer = new byte[Math.min(max, 8192)];
        int length = 0;
        while (length < max) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(max, buffer.length * 2));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return Arrays.copyOf(buffer, length);
    }

    /** The request with its body replayed from memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;
        private ServletInputStream stream;
        private BufferedReader reader;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (reader != null) {
                throw new IllegalStateException("getReader() was already called");
            }
            if (stream == null) {
                stream = new BufferedStream(body);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (stream != null) {
                throw new IllegalStateException("getInputStream() was already called");
            }
            if (reader == null) {
                String name = getCharacterEncoding();
                Charset charset;
                try {
                    charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    throw new UnsupportedEncodingException(name);
                }
                reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
            }
            return reader;
        }
    }

    private static final class BufferedStream extends ServletInputStream {

        private final ByteArrayInputStream in;

        BufferedStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
