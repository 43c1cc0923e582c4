package dev.magpie.web.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers what Spring Security refuses on the API as JSON:API errors: 401 {@code not_authenticated} for
 * requests without credentials, 403 {@code permission_denied} for what the key may not do.
 */
public class JsonApiSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ApiErrorWriter errors;

    /** Answers through {@code errors}. */
    public JsonApiSecurityErrors(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        errors.write(response, ApiException.notAuthenticated());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        errors.write(response, ApiException.permissionDenied("This API key may not perform this action."));
    }
}
