package dev.magpie.web.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The API caller of the current request, and checks of its scopes for code that decides at run time. */
public final class ApiScopes {

    private ApiScopes() {
    }

    /** The caller of the current request, when it was authenticated by an API key. */
    public static Optional<ApiCaller> currentCaller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ApiKeyAuthenticationToken token ? Optional.of(token.caller())
                : Optional.empty();
    }

    /** Throws 403 {@code permission_denied} unless the current caller holds every one of {@code scopes}. */
    public static void require(String... scopes) {
        ApiCaller caller = currentCaller().orElseThrow(ApiException::notAuthenticated);
        List<String> missing = Arrays.stream(scopes).filter(scope -> !caller.holds(scope)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.permissionDenied("This API key is missing the required scope%s: %s."
                .formatted(missing.size() == 1 ? "" : "s", String.join(", ", missing)));
        }
    }
}
