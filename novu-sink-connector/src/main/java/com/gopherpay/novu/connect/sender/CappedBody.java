package com.gopherpay.novu.connect.sender;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into a string up to a limit. Past the limit (declared by Content-Length, or as the bytes
 * arrive) it stops reading and cancels the exchange, which closes the connection, so a server cannot make the task
 * buffer an unbounded answer. The body is then {@link ResponseTooLargeException}.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {

    private final int maxBytes;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A handler that refuses at once a response whose Content-Length is over the limit, else reads up to it. */
    static HttpResponse.BodyHandler<String> handler(int maxBytes) {
        return info -> {
            CappedBody subscriber = new CappedBody(maxBytes);
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                subscriber.tooLarge();
            }
            return subscriber;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (body.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return; // cancelled; the client may still hand over what it had already received
        }
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                tooLarge();
                subscription.cancel();
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    private void tooLarge() {
        body.completeExceptionally(new ResponseTooLargeException(maxBytes));
    }
}
