package dev.magpie.web.api;

import java.util.List;

import dev.magpie.web.api.ApiError.Source;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * An API request that cannot be served, with the JSON:API errors (and any headers) to answer it with.
 *
 * <p>Throw it from API controllers and helpers; the API's error rendering writes it, whatever the handler.
 * Codes and titles are Klaviyo's: {@code invalid}, {@code not_authenticated}, {@code permission_denied},
 * {@code not_found}, {@code method_not_allowed}, {@code not_acceptable}, {@code unsupported_media_type},
 * {@code throttled}, {@code error}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatusCode status;

    private final List<ApiError> errors;

    private final HttpHeaders headers;

    /** Answers with {@code status}, {@code errors} and extra response {@code headers}. */
    public ApiException(HttpStatusCode status, List<ApiError> errors, HttpHeaders headers) {
        // Control flow, not a fault: no stack trace to fill in on every rejected request.
        super(errors.isEmpty() ? status.toString() : errors.get(0).detail(), null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
    }

    /** Answers with one error, whose status becomes the response's. */
    public ApiException(ApiError error) {
        this(HttpStatusCode.valueOf(error.status()), List.of(error), new HttpHeaders());
    }

    /** An error with Klaviyo's code and title for {@code status}. */
    public static ApiException of(HttpStatusCode status, String detail, Source source) {
        return new ApiException(error(status, detail, source));
    }

    /** A query parameter or header the API cannot work with: 400 {@code invalid}. */
    public static ApiException invalidParameter(String parameter, String detail) {
        return of(HttpStatus.BAD_REQUEST, detail, Source.parameter(parameter));
    }

    /** A part of the request body the API cannot work with: 400 {@code invalid}. */
    public static ApiException invalidInput(String pointer, String detail) {
        return of(HttpStatus.BAD_REQUEST, detail, Source.pointer(pointer));
    }

    /** Nothing at this address for this caller, including other accounts' resources: 404 {@code not_found}. */
    public static ApiException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, detail, Source.DOCUMENT);
    }

    /** The key may not do this, such as a missing scope: 403 {@code permission_denied}. */
    public static ApiException permissionDenied(String detail) {
        return of(HttpStatus.FORBIDDEN, detail, Source.DOCUMENT);
    }

    /** No usable credentials at all: 401 {@code not_authenticated}. */
    public static ApiException notAuthenticated() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, ApiKeyAuthenticationFilter.SCHEME);
        return new ApiException(HttpStatus.UNAUTHORIZED, List.of(error(HttpStatus.UNAUTHORIZED,
                "Missing or invalid authorization scheme. Please use " + ApiKeyAuthenticationFilter.SCHEME + ".",
                Source.DOCUMENT)), headers);
    }

    /**
     * A key that is unknown, revoked, or belongs to a suspended account: 401 {@code not_authenticated}, like a
     * missing key (Klaviyo's code for rejected OAuth tokens is {@code authentication_failed}; the status, which
     * is what SDKs act on, is the same).
     */
    public static ApiException authenticationFailed() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, ApiKeyAuthenticationFilter.SCHEME);
        return new ApiException(HttpStatus.UNAUTHORIZED, List.of(error(HttpStatus.UNAUTHORIZED,
                "Incorrect authentication credentials.", Source.DOCUMENT)), headers);
    }

    /** Over the rate limit: 429 {@code throttled} with {@code Retry-After}. */
    public static ApiException throttled(long retryAfterSeconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        String detail = "Request was throttled. Expected available in %d second%s.".formatted(retryAfterSeconds,
                retryAfterSeconds == 1 ? "" : "s");
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                List.of(error(HttpStatus.TOO_MANY_REQUESTS, detail, Source.DOCUMENT)), headers);
    }

    /** Something failed on Magpie's side; says nothing about what: 500 {@code error}. */
    public static ApiException serverError() {
        return of(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Quote the error id if you contact support.", Source.DOCUMENT);
    }

    /** The HTTP status of the response. */
    public HttpStatusCode status() {
        return status;
    }

    /** The errors of the response body. */
    public List<ApiError> errors() {
        return errors;
    }

    /** Headers the response carries besides its content type, such as {@code Retry-After}. */
    public HttpHeaders headers() {
        return headers;
    }

    /** One error with Klaviyo's code and title for {@code status}. */
    static ApiError error(HttpStatusCode status, String detail, Source source) {
        int value = status.value();
        return switch (value) {
            case 400 -> ApiError.of(value, "invalid", "Invalid input.", detail, source);
            case 401 -> ApiError.of(value, "not_authenticated", "Authentication credentials were not provided.",
                    detail, source);
            case 403 -> ApiError.of(value, "permission_denied", "You do not have permission to perform this action.",
                    detail, source);
            case 404 -> ApiError.of(value, "not_found", "Not found.", detail, source);
            case 405 -> ApiError.of(value, "method_not_allowed", "Method not allowed.", detail, source);
            case 406 -> ApiError.of(value, "not_acceptable", "Could not satisfy the request Accept header.", detail,
                    source);
            case 409 -> ApiError.of(value, "conflict", "Conflict.", detail, source);
            case 413 -> ApiError.of(value, "request_too_large", "Request entity too large.", detail, source);
            case 415 -> ApiError.of(value, "unsupported_media_type", "Unsupported media type.", detail, source);
            case 429 -> ApiError.of(value, "throttled", "Request was throttled.", detail, source);
            default -> status.is5xxServerError() ? ApiError.of(value, "error", "A server error occurred.", detail, source)
                    : ApiError.of(value, "invalid", "Invalid input.", detail, source);
        };
    }
}
