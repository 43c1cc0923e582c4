package dev.magpie.web.api;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests by their {@code Authorization: Klaviyo-API-Key <key>} header. Every refusal is
 * a 401 {@code not_authenticated}, whose detail says which case it is:
 *
 * <ul>
 * <li>no header: the request goes on unauthenticated, and security's entry point answers;</li>
 * <li>another scheme, or no key after it: "Missing or invalid authorization scheme";</li>
 * <li>an unknown or revoked key, or one of a suspended account: "Incorrect authentication credentials".</li>
 * </ul>
 *
 * <p>Not a bean: the API's security chain runs it, so that it applies to {@code /api/**} alone.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    /** The authorization scheme of private keys, as in Klaviyo's API. */
    public static final String SCHEME = "Klaviyo-API-Key";

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

    private final ApiKeyVerifier verifier;

    private final ApiErrorWriter errors;

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /** A filter that checks keys with {@code verifier} and answers refused requests through {@code errors}. */
    public ApiKeyAuthenticationFilter(ApiKeyVerifier verifier, ApiErrorWriter errors) {
        this.verifier = verifier;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> rawKey = rawKey(authorization);
        if (rawKey.isEmpty()) {
            errors.write(response, ApiException.notAuthenticated());
            return;
        }
        Optional<ApiCaller> caller;
        try {
            caller = verifier.verify(rawKey.get());
        }
        catch (RuntimeException failed) {
            // Outside Spring MVC nothing else would answer this as JSON:API.
            ApiException error = ApiException.serverError();
            log.error("Could not verify an API key; error id {}", error.errors().get(0).id(), failed);
            errors.write(response, error);
            return;
        }
        if (caller.isEmpty()) {
            errors.write(response, ApiException.authenticationFailed());
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthenticationToken(caller.get()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    /** The key after the scheme; schemes are case-insensitive (RFC 9110). */
    static Optional<String> rawKey(String authorization) {
        String value = authorization.trim();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !Character.isWhitespace(value.charAt(SCHEME.length()))) {
            return Optional.empty();
        }
        String key = value.substring(SCHEME.length()).trim();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }
}
