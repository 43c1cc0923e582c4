package dev.magpie.web.api;

import java.lang.annotation.Annotation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies an API handler's {@link RequiresScope} (403 when the key lacks a scope) and then its
 * {@link RateLimited} tier (429 with {@code Retry-After} when over the limit, {@code RateLimit-*} headers
 * otherwise), in that order, as Klaviyo does.
 *
 * <p>A handler without either annotation is a programming error, answered with a 500 and logged: an API
 * endpoint must never be open to every key, or unlimited, by omission.
 */
class ApiHandlerInterceptor implements HandlerInterceptor {

    static final String LIMIT_HEADER = "RateLimit-Limit";

    static final String REMAINING_HEADER = "RateLimit-Remaining";

    static final String RESET_HEADER = "RateLimit-Reset";

    private final RateLimiter limiter;

    ApiHandlerInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // Spring answers OPTIONS itself, with nothing but the allowed methods.
        if (!(handler instanceof HandlerMethod method) || HttpMethod.OPTIONS.matches(request.getMethod())) {
            return true;
        }
        ApiScopes.require(required(method, RequiresScope.class).value());
        RateLimitTier tier = required(method, RateLimited.class).value();
        ApiCaller caller = ApiScopes.currentCaller().orElseThrow(ApiException::notAuthenticated);
        RateLimit limit = limiter.consume(caller.keyId(), endpoint(request), tier);
        if (!limit.allowed()) {
            throw ApiException.throttled(limit.retryAfterSeconds());
        }
        response.setHeader(LIMIT_HEADER, Integer.toString(limit.limit()));
        response.setHeader(REMAINING_HEADER, Long.toString(limit.remaining()));
        response.setHeader(RESET_HEADER, Long.toString(limit.resetSeconds()));
        return true;
    }

    private static <A extends Annotation> A required(HandlerMethod method, Class<A> type) {
        A annotation = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
        }
        if (annotation == null) {
            throw new IllegalStateException("API handler %s declares no @%s".formatted(method.getShortLogMessage(),
                    type.getSimpleName()));
        }
        return annotation;
    }

    /** {@code GET /api/accounts/{id}}: one count for every id, as Klaviyo counts per endpoint. */
    private static String endpoint(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return request.getMethod() + " " + (pattern != null ? pattern : request.getRequestURI());
    }
}
