package dev.magpie.sending.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;

import static org.assertj.core.api.Assertions.assertThat;

/** Stores with a template and profiles to send to, made as their owners would: templates through the API. */
final class SendingFixtures {

    static final String HTML = "<html><head><style>p { color: #333 }</style></head><body>"
            + "<p>Hi {{ first_name | default: 'there' }}, tea from {{ organization.name }}.</p>"
            + "<a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></body></html>";

    private final ApiStores api;

    private final Profiles profiles;

    SendingFixtures(ApiStores api, Profiles profiles) {
        this.api = api;
        this.profiles = profiles;
    }

    Store store(String name) throws Exception {
        return api.open(name, "templates:write", "profiles:write");
    }

    String template(Store store, String subject) throws Exception {
        Response created = api.post(store, "/api/templates", """
                {"data": {"type": "template", "attributes": {"name": "Newsletter", "editor_type": "CODE",
                 "subject": %s, "html": %s}}}
                """.formatted(quote(subject), quote(HTML)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().at("/data/id").asString();
    }

    /** A profile with a fresh address, subscribed to email marketing or not. */
    String profile(Store store, String prefix, String firstName, boolean subscribed) {
        String email = prefix + "-" + Ids.newId().toLowerCase(Locale.ROOT) + "@inbox.example";
        Consent consent = new Consent(subscribed ? Consent.State.SUBSCRIBED : Consent.State.NEVER_SUBSCRIBED,
                Instant.now(), "API", "tests");
        return profiles.upsert(store.accountId(), new ProfileAttributes(new Identifiers(email, null, null, null),
                firstName, "Lee", null, null, null, null, Map.of(), Map.of(Channel.EMAIL_MARKETING, consent)))
            .profile()
            .id();
    }

    String email(Store store, String profileId) {
        return profiles.find(store.accountId(), profileId).orElseThrow().email();
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
