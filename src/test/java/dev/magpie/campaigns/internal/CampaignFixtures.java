package dev.magpie.campaigns.internal;

import java.time.Instant;
import java.util.Map;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.internal.segments.SegmentEvaluations;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists, segments, templates and profiles for campaign tests, made through the API and the modules' interfaces. */
final class CampaignFixtures {

    /** What a key needs to set up and run campaigns. */
    static final String[] ACCESS = {"campaigns:write", "lists:write", "segments:write", "templates:write",
        "profiles:write"};

    private final ApiStores api;

    private final Profiles profiles;

    private final ListDirectory lists;

    private final ApplicationContext context;

    CampaignFixtures(ApiStores api, Profiles profiles, ListDirectory lists, ApplicationContext context) {
        this.context = context;
        this.api = api;
        this.profiles = profiles;
        this.lists = lists;
    }

    String list(Store store, String name) throws Exception {
        Response created = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "%s"}}}""".formatted(name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().at("/data/id").asString();
    }

    String template(Store store, String name) throws Exception {
        Response created = api.post(store, "/api/templates", """
                {"data": {"type": "template", "attributes": {"name": "%s", "editor_type": "CODE",
                  "html": "<p>Hello {{ first_name }}</p>"}}}""".formatted(name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().at("/data/id").asString();
    }

    /** A segment of the profiles whose custom property {@code tier} is {@code tier}, fully evaluated. */
    String tierSegment(Store store, String name, String tier) throws Exception {
        Response created = api.post(store, "/api/segments", """
                {"data": {"type": "segment", "attributes": {"name": "%s", "definition": {"condition_groups": [
                  {"conditions": [{"type": "profile-property", "property": "properties['tier']",
                    "filter": {"type": "string", "operator": "equals", "value": "%s"}}]}]}}}}"""
            .formatted(name, tier));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().at("/data/id").asString();
        long until = System.currentTimeMillis() + 30_000;
        SegmentEvaluations.runPending(context);
        while (api.get(store, "/api/segments/" + id).body().at("/data/attributes/is_processing").asBoolean()) {
            assertThat(System.currentTimeMillis()).as("evaluation of " + name).isLessThan(until);
            Thread.sleep(100);
            SegmentEvaluations.runPending(context);
        }
        return id;
    }

    /** A profile with this email-marketing consent ({@code null}: never asked) and tier. */
    String profile(Store store, String email, Consent.State consent, String tier) {
        Map<Channel, Consent> consents = consent == null ? null
                : Map.of(Channel.EMAIL_MARKETING, new Consent(consent, Instant.now(), "API", "tests"));
        return profiles.upsert(store.accountId(), new ProfileAttributes(new Identifiers(email, null, null, null),
                null, null, null, null, null, null, tier == null ? null : Map.of("tier", tier), consents))
            .profile().id();
    }

    void add(Store store, String listId, String... profileIds) {
        lists.add(store.accountId(), listId, java.util.List.of(profileIds));
    }

    /** A Create Campaign document sending to {@code included} and not to {@code excluded}. */
    static String campaign(String name, String included, String excluded) {
        return """
                {"data": {"type": "campaign", "attributes": {
                  "name": "%s",
                  "audiences": {"included": [%s], "excluded": [%s]},
                  "send_strategy": {"method": "static", "datetime": "2026-12-01T09:00:00", "options": {"is_local": true},
                    "throttle_hours": 4},
                  "send_options": {"use_smart_sending": true},
                  "campaign-messages": {"data": [{"type": "campaign-message", "attributes": {"definition": {
                    "channel": "email", "label": "%s email",
                    "content": {"subject": "Hello {{ first_name|default: 'there' }}", "preview_text": "Just for you",
                      "from_email": "news@store.example", "from_label": "The Store",
                      "reply_to_email": "help@store.example"}}}}]}
                }}}""".formatted(name, quoted(included), quoted(excluded), name);
    }

    static String quoted(String ids) {
        if (ids == null || ids.isBlank()) {
            return "";
        }
        return String.join(", ", java.util.Arrays.stream(ids.split(",")).map(id -> "\"" + id.strip() + "\"")
            .toList());
    }
}
