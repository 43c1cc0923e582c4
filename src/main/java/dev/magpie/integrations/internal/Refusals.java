package dev.magpie.integrations.internal;

import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiException;
import org.springframework.http.HttpStatus;

/** The refusals every webhook shares, so that platforms and people see the same wording. */
public final class Refusals {

    private Refusals() {
    }

    /** 404: no connection of this platform at this address (never made, disconnected, or its account stopped). */
    public static ApiException noConnection(Platform platform) {
        String slug = platform.slug();
        return ApiException.notFound(("There is no %s connection at this address. "
                + "Copy the webhook URL from Magpie's %s integration page.").formatted(slug, slug));
    }

    /** 401: the signature in {@code header} is missing or was not made with the connection's secret. */
    public static ApiException badSignature(String header) {
        return ApiException.of(HttpStatus.UNAUTHORIZED,
                "The %s signature is missing or does not match the body signed with this connection's secret."
                    .formatted(header),
                Source.parameter(header));
    }
}
