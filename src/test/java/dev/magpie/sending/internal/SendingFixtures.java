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

    /**
     * A campaign to {@code audience} (a list or segment of the store) that sends at once, made through the API as its
     * owner would, with {@code templateId} assigned to its message; its id. The store needs {@code campaigns:write}.
     */
    String campaign(Store store, String audience, String templateId, String subject, String fromEmail,
            boolean smartSending) throws Exception {
        Response created = api.post(store, "/api/campaigns", """
                {"data": {"type": "campaign", "attributes": {
                  "name": "Teas",
                  "audiences": {"included": ["%s"], "excluded": []},
                  "send_strategy": {"method": "immediate"},
                  "send_options": {"use_smart_sending": %s},
                  "campaign-messages": {"data": [{"type": "campaign-message", "attributes": {"definition": {
                    "channel": "email", "label": "Teas",
                    "content": {"subject": %s, "preview_text": "New teas",
                      "from_email": %s, "from_label": "The Store"}}}}]}
                }}}""".formatted(audience, smartSending, quote(subject), quote(fromEmail)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String message = created.body().at("/data/relationships/campaign-messages/data/0/id").asString();
        Response assigned = api.post(store, "/api/campaign-message-assign-template", """
                {"data": {"type": "campaign-message", "id": "%s", "relationships": {"template": {"data":
                  {"type": "template", "id": "%s"}}}}}""".formatted(message, templateId));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(201);
        return created.body().at("/data/id").asString();
    }

    /** Asks for the campaign to be sent, as the API's send job does. */
    void send(Store store, String campaignId) throws Exception {
        Response sent = api.post(store, "/api/campaign-send-jobs",
                "{\"data\": {\"type\": \"campaign-send-job\", \"id\": \"%s\"}}".formatted(campaignId));
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
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
