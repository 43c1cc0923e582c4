package dev.magpie.content;

import java.util.Map;

import dev.magpie.profiles.Profile;

/**
 * What a template is rendered with: the recipient's profile (its standard fields and custom properties), the
 * properties of the event that triggered the message (empty for a campaign), and the links only the sender can
 * make: one-click unsubscribe and the preferences page. The account's fields are added by the renderer.
 */
public record RenderContext(Profile profile, Map<String, Object> event, String unsubscribeUrl,
        String preferencesUrl) {

    public RenderContext {
        event = event == null ? Map.of() : event;
    }

    /** A profile with no triggering event. */
    public static RenderContext of(Profile profile, String unsubscribeUrl, String preferencesUrl) {
        return new RenderContext(profile, Map.of(), unsubscribeUrl, preferencesUrl);
    }
}
