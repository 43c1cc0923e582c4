package dev.magpie.activity.internal;

import java.util.List;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.QueryExecutionException;
import dev.magpie.web.api.ApiError;
import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Turns a store that is briefly out of reach — Cassandra timing out or overloaded, RabbitMQ not confirming — into
 * 503 with {@code Retry-After}, which Klaviyo's SDKs retry, instead of a 500 they give up on. Nothing was
 * accepted, and sending the same events again is safe.
 */
final class Busy {

    private static final Logger log = LoggerFactory.getLogger(Busy.class);

    private Busy() {
    }

    /** Whether {@code failure} means "try again shortly" rather than a fault. */
    static boolean isTransient(RuntimeException failure) {
        return failure instanceof QueryExecutionException || failure instanceof DriverTimeoutException
                || failure instanceof AllNodesFailedException || failure instanceof AmqpException;
    }

    /** The 503 to answer {@code failure} with. */
    static ApiException retryLater(RuntimeException failure) {
        ApiError error = ApiError.of(HttpStatus.SERVICE_UNAVAILABLE.value(), "error", "Service unavailable.",
                "Magpie could not store this request right now; nothing was stored. Send it again shortly.",
                Source.DOCUMENT);
        log.warn("Answered 503 (error id {}): {}", error.id(), failure.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, List.of(error), headers);
    }
}
