package dev.magpie.profiles.internal.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Klaviyo's Profiles API as an SDK calls it: Create Profile, Get Profiles, Get Profile, Update Profile, Create or
 * Update Profile and Merge Profiles, against the real engines.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ProfilesApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    ApiStores api;

    Store store;

    @BeforeEach
    void aStore() throws Exception {
        api = new ApiStores(mvc, json);
        store = api.open("Mason Outfitters");
    }

    @Test
    void createProfileAnswers201WithTheProfileInKlaviyosShape() throws Exception {
        Response created = api.post(store, "/api/profiles", """
                {"data": {"type": "profile", "attributes": {
                  "email": " Sarah.Mason@Klaviyo-Demo.com ", "phone_number": "+1 (415) 555-0132",
                  "external_id": "63f64a2b", "first_name": "Sarah", "last_name": "Mason",
                  "organization": "Example Corporation", "locale": "en-US", "title": "Regional Manager",
                  "image": "https://images.example.com/sarah.jpg",
                  "location": {"address1": "89 E 42nd St", "city": "New York", "country": "United States",
                               "region": "NY", "zip": "10017", "timezone": "America/New_York",
                               "latitude": "40.7128", "longitude": -74.006},
                  "properties": {"pseudonym": "Dr. Octopus", "sizes": {"shoe": 42}, "tags": ["vip"]}}}}
                """);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode data = created.body().at("/data");
        String id = data.at("/id").asString();
        assertThat(data.at("/type").asString()).isEqualTo("profile");
        assertThat(id).hasSize(26);
        assertThat(data.at("/links/self").asString()).endsWith("/api/profiles/" + id + "/");
        JsonNode attributes = data.at("/attributes");
        assertThat(attributes.at("/email").asString()).isEqualTo("sarah.mason@klaviyo-demo.com");
        assertThat(attributes.at("/phone_number").asString()).isEqualTo("+14155550132");
        assertThat(attributes.at("/external_id").asString()).isEqualTo("63f64a2b");
        assertThat(attributes.at("/first_name").asString()).isEqualTo("Sarah");
        assertThat(attributes.at("/locale").asString()).isEqualTo("en-US");
        assertThat(attributes.at("/location/city").asString()).isEqualTo("New York");
        assertThat(attributes.at("/location/latitude").asDouble()).isEqualTo(40.7128);
        assertThat(attributes.at("/location/address2").isNull()).isTrue();
        assertThat(attributes.at("/properties/sizes/shoe").asInt()).isEqualTo(42);
        assertThat(attributes.at("/properties/tags/0").asString()).isEqualTo("vip");
        assertThat(attributes.at("/last_event_date").isNull()).isTrue();
        assertThat(Instant.parse(attributes.at("/created").asString().replace("+00:00", "Z"))).isNotNull();
        assertThat(attributes.has("subscriptions")).isFalse();

        Response fetched = api.get(store, "/api/profiles/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body().at("/data")).isEqualTo(data);
    }

    @Test
    void createProfileWithATakenIdentifierIs409WithTheExistingProfilesId() throws Exception {
        String existing = create("{\"email\": \"taken@example.com\"}");

        Response duplicate = api.post(store, "/api/profiles", """
                {"data": {"type": "profile", "attributes": {"email": "TAKEN@example.com", "first_name": "Other"}}}
                """);

        assertThat(duplicate.status()).isEqualTo(409);
        JsonNode error = duplicate.error();
        assertThat(error.at("/code").asString()).isEqualTo("duplicate_profile");
        assertThat(error.at("/meta/duplicate_profile_id").asString()).isEqualTo(existing);
        assertThat(error.at("/source/pointer").asString()).isEqualTo("/data/attributes");
        assertThat(profile(existing).at("/first_name").isNull()).isTrue();
    }

    @Test
    void badInputIs400NamingTheAttributeAndStoresNothing() throws Exception {
        assertInvalid("{\"email\": \"fresh@example.com\", \"phone_number\": \"12\"}", "/data/attributes/phone_number");
        assertInvalid("{\"email\": \"fresh@example\"}", "/data/attributes/email");
        assertInvalid("{\"email\": \"fresh@example.com\", \"nickname\": \"Fresh\"}", "/data/attributes/nickname");
        assertInvalid("{\"email\": \"fresh@example.com\", \"first_name\": 7}", "/data/attributes/first_name");
        assertInvalid("{\"email\": \"fresh@example.com\", \"location\": {\"latitude\": \"north\"}}",
                "/data/attributes/location/latitude");
        assertInvalid("{\"email\": \"fresh@example.com\", \"location\": {\"latitude\": 123}}",
                "/data/attributes/location/latitude");
        assertInvalid("{\"email\": \"fresh@example.com\", \"properties\": [1, 2]}", "/data/attributes/properties");
        assertInvalid("{\"first_name\": \"Nobody\"}", "/data/attributes");
        Response wrongType = api.post(store, "/api/profiles",
                "{\"data\": {\"type\": \"person\", \"attributes\": {\"email\": \"fresh@example.com\"}}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.error().at("/source/pointer").asString()).isEqualTo("/data/type");
        Response notJson = api.post(store, "/api/profiles", "{\"data\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error().at("/code").asString()).isEqualTo("invalid");

        assertThat(list("filter=" + encode("equals(email,\"fresh@example.com\")"))).isEmpty();
    }

    @Test
    void getProfilesFiltersByIdentifiers() throws Exception {
        String ann = create("{\"email\": \"ann@example.com\", \"phone_number\": \"+442071838750\"}");
        String bob = create("{\"email\": \"bob@example.com\", \"external_id\": \"cust-bob\"}");
        create("{\"email\": \"cat@example.com\"}");

        assertThat(ids(list("filter=" + encode("equals(email,\"ANN@example.com\")")))).containsExactly(ann);
        assertThat(ids(list("filter=" + encode("equals(phone_number,\"+44 20 7183 8750\")")))).containsExactly(ann);
        assertThat(ids(list("filter=" + encode("equals(external_id,\"cust-bob\")")))).containsExactly(bob);
        assertThat(ids(list("filter=" + encode("any(id,[\"%s\",\"%s\"])".formatted(ann, bob)))))
            .containsExactly(ann, bob);
        assertThat(ids(list("filter=" + encode("any(email,[\"ann@example.com\",\"bob@example.com\"])")
                + "&sort=-email"))).containsExactly(bob, ann);
        assertThat(ids(list("filter=" + encode("equals(email,\"ann@example.com\"),equals(external_id,\"cust-bob\")"))))
            .isEmpty();
        assertThat(list("filter=" + encode("equals(email,\"nobody@example.com\")"))).isEmpty();

        Response unknownField = api.get(store, "/api/profiles?filter=" + encode("equals(first_name,\"Ann\")"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.error().at("/source/parameter").asString()).isEqualTo("filter");
        Response nullValue = api.get(store, "/api/profiles?filter=" + encode("equals(email,null)"));
        assertThat(nullValue.status()).isEqualTo(400);
        assertThat(nullValue.error().at("/source/parameter").asString()).isEqualTo("filter");
        Response unknownSort = api.get(store, "/api/profiles?sort=first_name");
        assertThat(unknownSort.status()).isEqualTo(400);
        assertThat(unknownSort.error().at("/source/parameter").asString()).isEqualTo("sort");
    }

    @Test
    void getProfilesFiltersByCreatedAndUpdated() throws Exception {
        String early = create("{\"email\": \"early@example.com\"}");
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        String late = create("{\"email\": \"late@example.com\"}");

        assertThat(ids(list("filter=" + encode("greater-than(created," + between + ")")))).containsExactly(late);
        assertThat(ids(list("filter=" + encode("less-than(created," + between + ")")))).containsExactly(early);

        Thread.sleep(5);
        Instant beforeUpdate = Instant.now();
        Thread.sleep(5);
        assertThat(api.patch(store, "/api/profiles/" + early, """
                {"data": {"type": "profile", "id": "%s", "attributes": {"first_name": "Early"}}}
                """.formatted(early)).status()).isEqualTo(200);

        assertThat(ids(list("filter=" + encode("greater-than(updated," + beforeUpdate + ")")))).containsExactly(early);
        assertThat(ids(list("filter=" + encode("less-than(updated," + beforeUpdate + ")")))).containsExactly(late);
        assertThat(ids(list("filter=" + encode("greater-or-equal(updated," + beforeUpdate + "),less-than(created,"
                + between + ")")))).containsExactly(early);
    }

    @Test
    void getProfilesPagesWithCursorsBothWays() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create("{\"email\": \"page" + i + "@example.com\"}"));
        }

        Response first = api.get(store, "/api/profiles?page[size]=2");
        assertThat(ids(first.body().at("/data"))).containsExactly(created.get(0), created.get(1));
        assertThat(first.body().at("/links/prev").isNull()).isTrue();
        Response second = follow(first.body().at("/links/next").asString());
        assertThat(ids(second.body().at("/data"))).containsExactly(created.get(2), created.get(3));
        Response third = follow(second.body().at("/links/next").asString());
        assertThat(ids(third.body().at("/data"))).containsExactly(created.get(4));
        assertThat(third.body().at("/links/next").isNull()).isTrue();
        Response back = follow(third.body().at("/links/prev").asString());
        assertThat(ids(back.body().at("/data"))).containsExactly(created.get(2), created.get(3));

        Response newest = api.get(store, "/api/profiles?page[size]=3&sort=-created");
        assertThat(ids(newest.body().at("/data"))).containsExactly(created.get(4), created.get(3), created.get(2));
        assertThat(ids(follow(newest.body().at("/links/next").asString()).body().at("/data")))
            .containsExactly(created.get(1), created.get(0));

        assertThat(api.get(store, "/api/profiles?page[size]=101").status()).isEqualTo(400);
        assertThat(api.get(store, "/api/profiles?page[cursor]=nonsense").status()).isEqualTo(400);
    }

    @Test
    void sparseFieldsetsAndSubscriptionsShapeTheAttributes() throws Exception {
        String id = create("""
                {"email": "fields@example.com", "location": {"city": "Leeds", "country": "UK"},
                 "subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED",
                   "consented_at": "2026-02-21T20:07:38+00:00", "method": "FORM", "method_detail": "footer"}}}}
                """);

        Response sparse = api.get(store, "/api/profiles/" + id + "?" + encode("fields[profile]") + "="
                + encode("email,location.city"));
        assertThat(sparse.body().at("/data/attributes").propertyNames()).containsExactlyInAnyOrder("email",
                "location");
        assertThat(sparse.body().at("/data/attributes/location").propertyNames()).containsExactly("city");

        Response withSubscriptions = api.get(store, "/api/profiles/" + id + "?" + encode("additional-fields[profile]")
                + "=subscriptions");
        JsonNode marketing = withSubscriptions.body().at("/data/attributes/subscriptions/email/marketing");
        assertThat(marketing.at("/consent").asString()).isEqualTo("SUBSCRIBED");
        assertThat(marketing.at("/can_receive_email_marketing").asBoolean()).isTrue();
        assertThat(marketing.at("/consent_timestamp").asString()).isEqualTo("2026-02-21T20:07:38.000+00:00");
        assertThat(marketing.at("/method").asString()).isEqualTo("FORM");
        assertThat(withSubscriptions.body().at("/data/attributes/subscriptions/sms/marketing/consent").asString())
            .isEqualTo("NEVER_SUBSCRIBED");
    }

    @Test
    void updateProfileChangesWhatItNamesAndNullClears() throws Exception {
        String id = create("""
                {"email": "patch@example.com", "first_name": "Pat", "last_name": "Ch", "organization": "Old Co",
                 "properties": {"plan": "gold", "visits": 3, "skus": ["1"]}}
                """);

        Response updated = api.patch(store, "/api/profiles/" + id, """
                {"data": {"type": "profile", "id": "%s",
                  "attributes": {"first_name": "Patricia", "organization": null, "phone_number": "+447911123456",
                                 "properties": {"visits": 4, "plan": null}},
                  "meta": {"patch_properties": {"append": {"skus": ["2", "3"]}, "unappend": {"skus": "1"}}}}}
                """.formatted(id));

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        JsonNode attributes = updated.body().at("/data/attributes");
        assertThat(attributes.at("/first_name").asString()).isEqualTo("Patricia");
        assertThat(attributes.at("/last_name").asString()).isEqualTo("Ch");
        assertThat(attributes.at("/organization").isNull()).isTrue();
        assertThat(attributes.at("/phone_number").asString()).isEqualTo("+447911123456");
        assertThat(attributes.at("/properties").propertyNames()).containsExactlyInAnyOrder("visits", "skus");
        assertThat(attributes.at("/properties/visits").asInt()).isEqualTo(4);
        assertThat(attributes.at("/properties/skus").toString()).isEqualTo("[\"2\",\"3\"]");
        assertThat(profile(id)).isEqualTo(attributes);
        assertThat(ids(list("filter=" + encode("equals(phone_number,\"+447911123456\")")))).containsExactly(id);
    }

    @Test
    void updateProfileRefusesAMismatchedIdAndAnotherProfilesEmail() throws Exception {
        String id = create("{\"email\": \"mine@example.com\"}");
        String other = create("{\"email\": \"theirs@example.com\"}");

        Response mismatch = api.patch(store, "/api/profiles/" + id, """
                {"data": {"type": "profile", "id": "%s", "attributes": {"first_name": "X"}}}
                """.formatted(other));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.error().at("/source/pointer").asString()).isEqualTo("/data/id");

        Response taken = api.patch(store, "/api/profiles/" + id, """
                {"data": {"type": "profile", "id": "%s", "attributes": {"email": "theirs@example.com",
                 "first_name": "Thief"}}}
                """.formatted(id));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.error().at("/meta/duplicate_profile_id").asString()).isEqualTo(other);
        assertThat(profile(id).at("/email").asString()).isEqualTo("mine@example.com");
        assertThat(profile(id).at("/first_name").isNull()).isTrue();

        Response unknown = api.patch(store, "/api/profiles/01JZZZZZZZZZZZZZZZZZZZZZZZ", """
                {"data": {"type": "profile", "id": "01JZZZZZZZZZZZZZZZZZZZZZZZ", "attributes": {"first_name": "X"}}}
                """);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void updateProfileMovesTheEmailAndFreesTheOldOne() throws Exception {
        String id = create("{\"email\": \"before@example.com\"}");

        api.patch(store, "/api/profiles/" + id, """
                {"data": {"type": "profile", "id": "%s", "attributes": {"email": "after@example.com"}}}
                """.formatted(id));

        assertThat(ids(list("filter=" + encode("equals(email,\"after@example.com\")")))).containsExactly(id);
        assertThat(list("filter=" + encode("equals(email,\"before@example.com\")"))).isEmpty();
        assertThat(create("{\"email\": \"before@example.com\"}")).isNotEqualTo(id);
    }

    @Test
    void createOrUpdateProfileAnswers201Then200AndPatchesProperties() throws Exception {
        Response created = api.post(store, "/api/profile-import", """
                {"data": {"type": "profile", "attributes": {"email": "import@example.com",
                  "properties": {"skus": ["92538"], "color": "red"}}}}
                """);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().at("/data/id").asString();

        Response updated = api.post(store, "/api/profile-import", """
                {"data": {"type": "profile", "attributes": {"email": "Import@Example.com", "first_name": "Imp"},
                  "meta": {"patch_properties": {"append": {"skus": "40571"}, "unset": "color"}}}}
                """);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().at("/data/id").asString()).isEqualTo(id);
        JsonNode attributes = updated.body().at("/data/attributes");
        assertThat(attributes.at("/first_name").asString()).isEqualTo("Imp");
        assertThat(attributes.at("/properties").toString()).isEqualTo("{\"skus\":[\"92538\",\"40571\"]}");

        Response byId = api.post(store, "/api/profile-import", """
                {"data": {"type": "profile", "id": "%s", "attributes": {"external_id": "imp-1"}}}
                """.formatted(id));
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body().at("/data/attributes/external_id").asString()).isEqualTo("imp-1");
    }

    @Test
    void createOrUpdateProfileWithIdentifiersOfTwoProfilesIs409AndChangesNothing() throws Exception {
        String withEmail = create("{\"email\": \"two@example.com\"}");
        String withPhone = create("{\"phone_number\": \"+14155550177\"}");

        Response conflict = api.post(store, "/api/profile-import", """
                {"data": {"type": "profile", "attributes": {"email": "two@example.com",
                  "phone_number": "+14155550177", "external_id": "two-ext", "first_name": "Two"}}}
                """);

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.error().at("/meta/duplicate_profile_id").asString()).isEqualTo(withPhone);
        assertThat(profile(withEmail).at("/first_name").isNull()).isTrue();
        assertThat(profile(withEmail).at("/external_id").isNull()).isTrue();
        assertThat(list("filter=" + encode("equals(external_id,\"two-ext\")"))).isEmpty();
    }

    @Test
    void mergeProfilesMovesIdentifiersAndFillsTheSurvivor() throws Exception {
        String survivor = create("""
                {"email": "keep@example.com", "first_name": "Keep", "properties": {"tier": "gold"}}
                """);
        String source = create("""
                {"email": "old@example.com", "phone_number": "+14155550188", "first_name": "Old", "last_name": "Name",
                 "properties": {"tier": "bronze", "shoe": 42}}
                """);

        Response merged = api.post(store, "/api/profile-merge", """
                {"data": {"type": "profile-merge", "id": "%s",
                  "relationships": {"profiles": {"data": [{"type": "profile", "id": "%s"}]}}}}
                """.formatted(survivor, source));

        assertThat(merged.status()).as(merged.text()).isEqualTo(201);
        assertThat(merged.body().at("/data/type").asString()).isEqualTo("profile");
        assertThat(merged.body().at("/data/id").asString()).isEqualTo(survivor);
        JsonNode kept = profile(survivor);
        assertThat(kept.at("/email").asString()).isEqualTo("keep@example.com");
        assertThat(kept.at("/phone_number").asString()).isEqualTo("+14155550188");
        assertThat(kept.at("/first_name").asString()).isEqualTo("Keep");
        assertThat(kept.at("/last_name").asString()).isEqualTo("Name");
        assertThat(kept.at("/properties/tier").asString()).isEqualTo("gold");
        assertThat(kept.at("/properties/shoe").asInt()).isEqualTo(42);
        assertThat(api.get(store, "/api/profiles/" + source).body().at("/data/id").asString()).isEqualTo(survivor);
        assertThat(ids(list("filter=" + encode("equals(email,\"old@example.com\")")))).containsExactly(survivor);
        assertThat(ids(list(""))).containsExactly(survivor);
    }

    @Test
    void mergeProfilesRefusesBadRequests() throws Exception {
        String id = create("{\"email\": \"solo@example.com\"}");

        Response itself = api.post(store, "/api/profile-merge", """
                {"data": {"type": "profile-merge", "id": "%s",
                  "relationships": {"profiles": {"data": [{"type": "profile", "id": "%s"}]}}}}
                """.formatted(id, id));
        assertThat(itself.status()).isEqualTo(400);
        assertThat(itself.error().at("/source/pointer").asString()).isEqualTo("/data/relationships/profiles/data/0/id");

        Response none = api.post(store, "/api/profile-merge",
                "{\"data\": {\"type\": \"profile-merge\", \"id\": \"%s\"}}".formatted(id));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error().at("/source/pointer").asString()).isEqualTo("/data/relationships/profiles/data");

        Response unknown = api.post(store, "/api/profile-merge", """
                {"data": {"type": "profile-merge", "id": "%s",
                  "relationships": {"profiles": {"data": [{"type": "profile", "id": "01JZZZZZZZZZZZZZZZZZZZZZZZ"}]}}}}
                """.formatted(id));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aReadOnlyKeyCanReadButNotWrite() throws Exception {
        Store reader = api.open("Read Only Goods", "profiles:read");

        assertThat(api.get(reader, "/api/profiles").status()).isEqualTo(200);
        Response write = api.post(reader, "/api/profiles",
                "{\"data\": {\"type\": \"profile\", \"attributes\": {\"email\": \"ro@example.com\"}}}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.error().at("/code").asString()).isEqualTo("permission_denied");
    }

    private String create(String attributes) throws Exception {
        Response created = api.post(store, "/api/profiles",
                "{\"data\": {\"type\": \"profile\", \"attributes\": " + attributes + "}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().at("/data/id").asString();
    }

    private JsonNode profile(String id) throws Exception {
        Response response = api.get(store, "/api/profiles/" + id);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().at("/data/attributes");
    }

    private JsonNode list(String query) throws Exception {
        Response response = api.get(store, "/api/profiles" + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().at("/data");
    }

    private Response follow(String link) throws Exception {
        URI uri = URI.create(link);
        return api.get(store, uri.getRawPath() + "?" + uri.getRawQuery());
    }

    private void assertInvalid(String attributes, String pointer) throws Exception {
        Response response = api.post(store, "/api/profiles",
                "{\"data\": {\"type\": \"profile\", \"attributes\": " + attributes + "}}");
        assertThat(response.status()).as(attributes).isEqualTo(400);
        assertThat(response.error().at("/code").asString()).isEqualTo("invalid");
        assertThat(response.error().at("/source/pointer").asString()).as(attributes).isEqualTo(pointer);
    }

    private static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.forEach(resource -> ids.add(resource.at("/id").asString()));
        return ids;
    }

    /** Percent-encodes a query value, spaces as %20 (which every server reads as a space). */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
