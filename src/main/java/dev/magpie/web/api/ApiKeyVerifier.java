package dev.magpie.web.api;

import java.util.Optional;

/**
 * Recognises private API keys. The module that owns keys implements it; the web layer only asks.
 *
 * <p>The dependency points this way so that modules can use the API building blocks without the web module
 * depending on them in turn.
 */
public interface ApiKeyVerifier {

    /** The caller behind {@code rawKey}, or empty when the key is unknown, revoked or its account suspended. */
    Optional<ApiCaller> verify(String rawKey);
}
