package com.gopherpay.notification.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;

/**
 * A request whose body is read at most once, only when first asked for, and at most {@code limit} bytes of it: one
 * byte more is refused with Novu's 413 (an {@link ApiError}, answered by the advice or by
 * {@link RequestBodyLimitFilter}). Later filters and the controller then read the same bytes again.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final int limit;
    private byte[] body;

    CachedBodyRequest(HttpServletRequest request, int limit) {
        super(request);
        this.limit = limit;
    }

    /** The whole body; reads it on the first call. */
    public byte[] body() {
        return read().clone();
    }

    private synchronized byte[] read() {
        if (body == null) {
            byte[] read;
            try {
                // One byte more than allowed tells "too large" apart without reading the rest of an oversized body.
                read = super.getInputStream().readNBytes(limit + 1);
            } catch (IOException e) {
                // The client sent less than it declared and closed its side, or went away, or stalled past the
                // connector's timeout: its request can't be served, and saying so costs nothing.
                throw ApiError.http(HttpStatus.BAD_REQUEST, "Request body could not be read in full");
            }
            if (read.length > limit) {
                throw tooLarge();
            }
            body = read;
        }
        return body;
    }

    /** Novu's 413, for a body past the cap (declared or read). */
    static ApiError tooLarge() {
        return ApiError.http(HttpStatus.CONTENT_TOO_LARGE, "request entity too large");
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(read());
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
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
                throw new UnsupportedOperationException("The body is read synchronously, within the cap");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
}
