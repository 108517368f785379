package dev.auscult.server.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's graceful stop (requests in flight finish; new ones get 503) with a Retry-After on that 503, as on
 * every other "not now" answer: an agent then waits and retries, and a load balancer moves it on.
 */
final class RetryLaterWhileStopping extends GracefulHandler {

    private final String retryAfterSeconds;

    RetryLaterWhileStopping(String retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (isShutdown()) {
            response.getHeaders().put("Retry-After", retryAfterSeconds);
        }
        return super.handle(request, response, callback);
    }
}
