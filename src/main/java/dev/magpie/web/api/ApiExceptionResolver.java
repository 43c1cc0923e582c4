package dev.magpie.web.api;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import dev.magpie.web.api.ApiError.Source;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders every exception of a request under {@code /api/**} as a JSON:API error document: the API's own
 * {@link ApiException}s, Spring MVC's (unknown path, wrong method, unsupported media type, unreadable body,
 * failed validation) and anything unexpected, which becomes a 500 that reveals nothing but an error id.
 *
 * <p>A resolver rather than a controller advice because unknown paths, wrong methods and unsupported media
 * types fail before any controller is chosen, where an advice scoped to API controllers would not apply.
 * It runs ahead of Spring's own resolvers, and only for API requests and the {@link JsonErrorPaths} other
 * modules declare: the UI keeps its error pages.
 */
@Component
class ApiExceptionResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionResolver.class);

    private final ApiErrorWriter writer;

    private final List<JsonErrorPaths> otherPaths;

    ApiExceptionResolver(ApiErrorWriter writer, List<JsonErrorPaths> otherPaths) {
        this.writer = writer;
        this.otherPaths = otherPaths;
    }

    @Override
    public int getOrder() {
        // After Spring Boot's DefaultErrorAttributes (which only records the exception), before everything else.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception exception) {
        if (!JsonApi.isApiRequest(request) && otherPaths.stream().noneMatch(paths -> paths.matches(request))) {
            return null;
        }
        ApiException apiException = translate(exception);
        if (apiException.status().is5xxServerError()) {
            log.error("API request {} {} failed; error id {}", request.getMethod(), request.getRequestURI(),
                    apiException.errors().get(0).id(), exception);
        }
        try {
            writer.write(response, apiException);
        }
        catch (IOException failed) {
            log.debug("Could not write the API error response", failed);
        }
        return new ModelAndView();
    }

    static ApiException translate(Exception exception) {
        if (exception instanceof ApiException api) {
            return api;
        }
        if (exception instanceof ApiErrorSource source) {
            return source.toApiException();
        }
        if (exception instanceof AuthenticationException) {
            return ApiException.notAuthenticated();
        }
        if (exception instanceof AccessDeniedException) {
            return ApiException.permissionDenied("This API key may not perform this action.");
        }
        if (exception instanceof HttpMessageNotReadableException) {
            return ApiException.of(HttpStatus.BAD_REQUEST, "The request body is not a valid JSON document.",
                    Source.DOCUMENT);
        }
        if (exception instanceof BindException binding) {
            return fieldErrors(binding.getFieldErrors());
        }
        if (exception instanceof HandlerMethodValidationException validation) {
            return parameterErrors(validation);
        }
        if (exception instanceof MissingServletRequestParameterException missing) {
            return ApiException.invalidParameter(missing.getParameterName(),
                    "The '%s' parameter is required.".formatted(missing.getParameterName()));
        }
        if (exception instanceof MissingRequestHeaderException missing) {
            return ApiException.invalidParameter(missing.getHeaderName(),
                    "The '%s' header is required.".formatted(missing.getHeaderName()));
        }
        if (exception instanceof MethodArgumentTypeMismatchException mismatch) {
            return ApiException.invalidParameter(mismatch.getName(),
                    "'%s' is not a valid value for '%s'.".formatted(mismatch.getValue(), mismatch.getName()));
        }
        if (exception instanceof ErrorResponse spring) {
            return new ApiException(spring.getStatusCode(),
                    List.of(ApiException.error(spring.getStatusCode(), detail(exception, spring.getStatusCode()),
                            Source.DOCUMENT)),
                    spring.getHeaders());
        }
        return ApiException.serverError();
    }

    private static String detail(Exception exception, HttpStatusCode status) {
        if (exception instanceof HttpRequestMethodNotSupportedException method) {
            return "Method \"%s\" not allowed.".formatted(method.getMethod());
        }
        if (exception instanceof HttpMediaTypeNotSupportedException media) {
            return "Unsupported media type \"%s\" in request. Send %s or application/json."
                .formatted(media.getContentType(), JsonApi.MEDIA_TYPE_VALUE);
        }
        return switch (status.value()) {
            case 404 -> "There is nothing at this address.";
            case 406 -> "Responses are " + JsonApi.MEDIA_TYPE_VALUE + "; accept it or application/json.";
            case 413 -> "The request body is too large.";
            default -> status.is5xxServerError() ? "A server error occurred." : "The request could not be served.";
        };
    }

    private static ApiException fieldErrors(List<FieldError> fieldErrors) {
        List<ApiError> errors = fieldErrors.stream()
            .map(field -> ApiException.error(HttpStatus.BAD_REQUEST, field.getDefaultMessage(),
                    Source.pointer(pointer(field.getField()))))
            .toList();
        return errors.isEmpty()
                ? ApiException.of(HttpStatus.BAD_REQUEST, "The request is not valid.", Source.DOCUMENT)
                : new ApiException(HttpStatus.BAD_REQUEST, errors, new HttpHeaders());
    }

    private static ApiException parameterErrors(HandlerMethodValidationException validation) {
        List<ApiError> errors = validation.getParameterValidationResults().stream()
            .flatMap(result -> result.getResolvableErrors().stream()
                .map(error -> ApiException.error(HttpStatus.BAD_REQUEST, error.getDefaultMessage(),
                        Source.parameter(String.valueOf(result.getMethodParameter().getParameterName())))))
            .toList();
        return errors.isEmpty()
                ? ApiException.of(HttpStatus.BAD_REQUEST, "The request is not valid.", Source.DOCUMENT)
                : new ApiException(HttpStatus.BAD_REQUEST, errors, new HttpHeaders());
    }

    /** {@code data.attributes.items[0].name} as the JSON pointer {@code /data/attributes/items/0/name}. */
    static String pointer(String propertyPath) {
        return Stream.of(propertyPath.replace("[", ".").replace("]", "").split("\\."))
            .filter(part -> !part.isEmpty())
            .reduce("", (path, part) -> path + "/" + part);
    }
}
