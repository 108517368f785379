package dev.auscult.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as text up to a limit: beyond it the download is cancelled and the request fails
 * with an IOException, instead of an out-of-memory error in an HTTP client thread (the packaged agent
 * runs with a 48 MB heap).
 */
final class BoundedBody {

    private BoundedBody() {
    }

    static HttpResponse.BodyHandler<String> ofString(int maxBytes) {
        return info -> new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<String> result = new CompletableFuture<>();
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<String> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                for (ByteBuffer b : items) {
                    if (out.size() + b.remaining() > maxBytes) {
                        subscription.cancel();
                        result.completeExceptionally(new IOException("the response is larger than " + (maxBytes >> 20) + " MiB"));
                        return;
                    }
                    byte[] chunk = new byte[b.remaining()];
                    b.get(chunk);
                    out.write(chunk, 0, chunk.length);
                }
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(out.toString(StandardCharsets.UTF_8));
            }
        };
    }
}
