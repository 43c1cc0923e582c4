package dev.magpie.integrations.internal;

import java.io.IOException;

import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiErrorWriter;
import dev.magpie.web.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers every failure under the browser API, the webhooks and the Segment-compatible API with the same
 * JSON:API error document as the REST API, never an HTML error page: these callers are programs.
 */
@Component
class MachineErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(MachineErrorResolver.class);

    private final ApiErrorWriter writer;

    MachineErrorResolver(ApiErrorWriter writer) {
        this.writer = writer;
    }

    @Override
    public int getOrder() {
        // Next to the REST API's resolver, ahead of Spring's own
        return Ordered.HIGHEST_PRECEDENCE + 11;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception exception) {
        if (!MachinePaths.matches(request)) {
            return null;
        }
        ApiException error = translate(exception);
        if (error.status().is5xxServerError()) {
            log.error("{} {} failed; error id {}", request.getMethod(), request.getRequestURI(),
                    error.errors().get(0).id(), exception);
        }
        try {
            writer.write(response, error);
        }
        catch (IOException failed) {
            log.debug("Could not write the error response", failed);
        }
        return new ModelAndView();
    }

    static ApiException translate(Exception exception) {
        if (exception instanceof ApiException api) {
            return api;
        }
        if (exception instanceof PayloadException payload) {
            return payload.toApiException();
        }
        if (exception instanceof HttpMessageNotReadableException) {
            return ApiException.of(HttpStatus.BAD_REQUEST, "The request body is not a valid JSON document.",
                    Source.DOCUMENT);
        }
        if (exception instanceof MissingServletRequestParameterException missing) {
            return ApiException.invalidParameter(missing.getParameterName(),
                    "The '%s' parameter is required.".formatted(missing.getParameterName()));
        }
        if (exception instanceof MissingRequestHeaderException missing) {
            return ApiException.invalidParameter(missing.getHeaderName(),
                    "The '%s' header is required.".formatted(missing.getHeaderName()));
        }
        if (exception instanceof ErrorResponse spring) {
            HttpStatusCode status = spring.getStatusCode();
            String detail = switch (status.value()) {
                case 404 -> "There is nothing at this address.";
                case 405 -> "This method is not allowed here.";
                case 415 -> "Send the body as application/json.";
                default -> status.is5xxServerError() ? "A server error occurred." : "The request could not be served.";
            };
            return ApiException.of(status, detail, Source.DOCUMENT);
        }
        return ApiException.serverError();
    }
}
