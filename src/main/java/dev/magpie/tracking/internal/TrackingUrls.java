package dev.magpie.tracking.internal;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where tracking links point: {@code magpie.tracking.public-url}, else the unsubscribe links' public address
 * ({@code magpie.deliverability.public-url}, so that one setting serves both), else the address of the request
 * being answered, else {@code http://localhost:8080}.
 */
@Component
class TrackingUrls {

    static final String FALLBACK_URL = "http://localhost:8080";

    private final String configured;

    TrackingUrls(TrackingProperties properties, Environment environment) {
        String url = properties.publicUrl() != null ? properties.publicUrl().toString()
                : environment.getProperty("magpie.deliverability.public-url");
        this.configured = url == null || url.isBlank() ? null : trimmed(url);
    }

    String base() {
        if (configured != null) {
            return configured;
        }
        return RequestContextHolder.getRequestAttributes() != null
                ? trimmed(ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()) : FALLBACK_URL;
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
