package dev.magpie.profiles;

import java.time.Instant;

/**
 * A profile's consent for one channel, with the evidence the law asks for: when, how (e.g. "double opt-in",
 * "checkout checkbox", "API") and where (e.g. a form id, "Shopify").
 */
public record Consent(State state, Instant at, String method, String source) {

    /** Whether the profile may receive the channel's messages. */
    public enum State {
        SUBSCRIBED, UNSUBSCRIBED, NEVER_SUBSCRIBED
    }

    /** Whether this consent allows sending. */
    public boolean allows() {
        return state == State.SUBSCRIBED;
    }
}
