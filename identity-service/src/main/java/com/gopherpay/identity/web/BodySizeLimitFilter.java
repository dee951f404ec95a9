package com.gopherpay.identity.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every request body. The stream fails as soon as the cap is crossed (or at once when {@code Content-Length}
 * already says so), so an oversized body is never buffered; the failure surfaces from the JSON reader and becomes a
 * 413 problem in {@link ProblemHandler}.
 *
 * <p>It applies to all paths on purpose: no endpoint needs a bigger body, and deciding by the raw request URI would
 * let {@code /%61uth/register} or {@code /auth;x=1/register} reach the API unlimited.
 */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long limit;

    BodySizeLimitFilter(HttpProperties properties) {
        this.limit = properties.maxBodySize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), getContentLengthLong() > limit, limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            // The container's own reader would read around the limited stream.
            String name = getCharacterEncoding();
            Charset charset;
            try {
                charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(name);
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final boolean declaredTooLarge;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream delegate, boolean declaredTooLarge, long limit) {
            this.delegate = delegate;
            this.declaredTooLarge = declaredTooLarge;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            check(0);
            int b = delegate.read();
            if (b >= 0) {
                check(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check(0);
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                check(n);
            }
            return n;
        }

        private void check(int justRead) throws PayloadTooLarge {
            read += justRead;
            if (declaredTooLarge || read > limit) {
                throw new PayloadTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
