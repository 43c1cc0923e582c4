package dev.magpie.audiences.internal.lists;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.internal.lists.ListStores.Response;
import dev.magpie.audiences.internal.lists.ListStores.Store;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
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
 * The Lists API as a Klaviyo client uses it: lists created, read, renamed and deleted; profiles added, paged
 * through and removed without touching consent; bad input refused with its pointer and nothing stored.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ListsApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    ListMemberships memberships;

    ListStores api;

    Store store;

    @BeforeEach
    void store() throws Exception {
        api = new ListStores(mvc, json);
        store = api.open("Lists Store");
    }

    @Test
    void createReadRenameAndDeleteAList() throws Exception {
        Response created = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Newsletter", "opt_in_process": "double_opt_in"}}}
                """);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().at("/data/id").asString();
        assertThat(created.body().at("/data/type").asString()).isEqualTo("list");
        assertThat(created.body().at("/data/attributes/name").asString()).isEqualTo("Newsletter");
        assertThat(created.body().at("/data/attributes/opt_in_process").asString()).isEqualTo("double_opt_in");
        assertThat(created.body().at("/data/attributes/created").asString()).isNotBlank();

        Response renamed = api.patch(store, "/api/lists/" + id, """
                {"data": {"type": "list", "id": "%s", "attributes": {"name": "Weekly news"}}}
                """.formatted(id));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(api.get(store, "/api/lists/" + id).body().at("/data/attributes/name").asString())
            .isEqualTo("Weekly news");
        assertThat(api.get(store, "/api/lists").body().at("/data/0/id").asString()).isEqualTo(id);
        assertThat(api.get(store, "/api/lists/" + id + "?additional-fields[list]=profile_count").body()
            .at("/data/attributes/profile_count").asInt()).isZero();

        assertThat(api.delete(store, "/api/lists/" + id, null).status()).isEqualTo(204);
        assertThat(api.get(store, "/api/lists/" + id).status()).isEqualTo(404);
        assertThat(api.get(store, "/api/lists").body().at("/data")).isEmpty();
        assertThat(memberships.exists(store.accountId(), id)).isFalse();
    }

    @Test
    void badListDocumentsAreRefusedWithTheirPointerAndNothingIsStored() throws Exception {
        Response noName = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "  "}}}
                """);
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.pointer()).isEqualTo("/data/attributes/name");

        Response badOptIn = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "X", "opt_in_process": "triple"}}}
                """);
        assertThat(badOptIn.status()).isEqualTo(400);
        assertThat(badOptIn.pointer()).isEqualTo("/data/attributes/opt_in_process");

        Response wrongType = api.post(store, "/api/lists", """
                {"data": {"type": "segment", "attributes": {"name": "X"}}}
                """);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.pointer()).isEqualTo("/data/type");

        assertThat(api.get(store, "/api/lists").body().at("/data")).isEmpty();
    }

    @Test
    void profilesAreAddedPagedThroughAndRemovedWithoutTouchingConsent() throws Exception {
        String list = api.list(store, "VIP", "single_opt_in");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.profile(store, "vip" + i + "-" + Ids.newId().toLowerCase() + "@example.com"));
        }
        Response added = api.post(store, "/api/lists/" + list + "/relationships/profiles", ListStores.profileIds(ids));
        assertThat(added.status()).as(added.text()).isEqualTo(204);

        List<String> seen = new ArrayList<>();
        String next = "/api/lists/" + list + "/profiles?page[size]=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = api.get(store, next.replaceFirst("^https?://[^/]+", "")).body();
            page.at("/data").forEach(profile -> seen.add(profile.at("/id").asString()));
            assertThat(page.at("/data/0/attributes/joined_group_at").asString()).isNotBlank();
            JsonNode link = page.at("/links/next");
            next = link.isNull() || link.isMissingNode() ? null : link.asString();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(api.get(store, "/api/lists/" + list + "?additional-fields[list]=profile_count").body()
            .at("/data/attributes/profile_count").asInt()).isEqualTo(5);
        assertThat(api.get(store, "/api/profiles/" + ids.get(0) + "/lists").body().at("/data/0/id").asString())
            .isEqualTo(list);
        assertThat(memberships.memberSince(store.accountId(), list, ids.get(0))).isPresent();
        Profile profile = profiles.find(store.accountId(), ids.get(0)).orElseThrow();
        assertThat(profile.consent() == null ? null : profile.consent().get(Channel.EMAIL_MARKETING)).isNull();

        Response removed = api.delete(store, "/api/lists/" + list + "/relationships/profiles",
                ListStores.profileIds(ids.subList(0, 2)));
        assertThat(removed.status()).as(removed.text()).isEqualTo(204);
        assertThat(api.get(store, "/api/lists/" + list + "?additional-fields[list]=profile_count").body()
            .at("/data/attributes/profile_count").asInt()).isEqualTo(3);
        assertThat(memberships.memberSince(store.accountId(), list, ids.get(0))).isEmpty();
        Set<String> streamed = new HashSet<>();
        memberships.forEachMember(store.accountId(), list, streamed::add);
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(ids.subList(2, 5));
    }

    @Test
    void anUnknownProfileIdIsRefusedByItsPointerAndNoProfileIsAdded() throws Exception {
        String list = api.list(store, "Known only", "single_opt_in");
        String known = api.profile(store, "known-" + Ids.newId().toLowerCase() + "@example.com");

        Response response = api.post(store, "/api/lists/" + list + "/relationships/profiles",
                ListStores.profileIds(List.of(known, Ids.newId())));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.pointer()).isEqualTo("/data/1/id");
        assertThat(memberships.memberSince(store.accountId(), list, known)).isEmpty();

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(known);
        }
        Response over = api.post(store, "/api/lists/" + list + "/relationships/profiles",
                ListStores.profileIds(tooMany));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.pointer()).isEqualTo("/data");
        assertThat(memberships.memberSince(store.accountId(), list, known)).isEmpty();
    }

    @Test
    void bulkSubscribeRecordsConsentAndBulkUnsubscribeWithdrawsIt() throws Exception {
        String list = api.list(store, "Newsletter", "single_opt_in");
        String email = "sub-" + Ids.newId().toLowerCase() + "@example.com";

        Response subscribed = api.post(store, "/api/profile-subscription-bulk-create-jobs", """
                {"data": {"type": "profile-subscription-bulk-create-job", "attributes": {
                   "custom_source": "Footer form",
                   "profiles": {"data": [{"type": "profile", "attributes": {"email": "%s", "phone_number": "+14155550123",
                      "subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED"}},
                                        "sms": {"marketing": {"consent": "SUBSCRIBED"}}}}}]}},
                  "relationships": {"list": {"data": {"type": "list", "id": "%s"}}}}}
                """.formatted(email, list));

        assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(202);
        Profile profile = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email).orElseThrow();
        Consent emailConsent = profile.consent().get(Channel.EMAIL_MARKETING);
        assertThat(emailConsent.state()).isEqualTo(Consent.State.SUBSCRIBED);
        assertThat(emailConsent.method()).isEqualTo("API");
        assertThat(emailConsent.source()).isEqualTo("Footer form");
        assertThat(emailConsent.at()).isNotNull();
        assertThat(profile.consent().get(Channel.SMS_MARKETING).state()).isEqualTo(Consent.State.SUBSCRIBED);
        assertThat(memberships.memberSince(store.accountId(), list, profile.id())).isPresent();

        Response unsubscribed = api.post(store, "/api/profile-subscription-bulk-delete-jobs", """
                {"data": {"type": "profile-subscription-bulk-delete-job", "attributes": {
                   "profiles": {"data": [{"type": "profile", "attributes": {"email": "%s",
                      "subscriptions": {"email": {"marketing": {"consent": "UNSUBSCRIBED"}}}}}]}},
                  "relationships": {"list": {"data": {"type": "list", "id": "%s"}}}}}
                """.formatted(email, list));

        assertThat(unsubscribed.status()).as(unsubscribed.text()).isEqualTo(202);
        Profile after = profiles.find(store.accountId(), profile.id()).orElseThrow();
        assertThat(after.consent().get(Channel.EMAIL_MARKETING).state()).isEqualTo(Consent.State.UNSUBSCRIBED);
        assertThat(after.consent().get(Channel.SMS_MARKETING).state()).isEqualTo(Consent.State.SUBSCRIBED);
        assertThat(memberships.memberSince(store.accountId(), list, profile.id())).isEmpty();

        Response alias = api.post(store, "/api/profile-unsubscription-bulk-create-jobs", """
                {"data": {"type": "profile-unsubscription-bulk-create-job", "attributes": {
                   "profiles": {"data": [{"type": "profile", "attributes": {"phone_number": "+14155550123",
                      "subscriptions": {"sms": {"marketing": {"consent": "UNSUBSCRIBED"}}}}}]}}}}
                """);
        assertThat(alias.status()).as(alias.text()).isEqualTo(202);
        assertThat(profiles.find(store.accountId(), profile.id()).orElseThrow().consent().get(Channel.SMS_MARKETING)
            .state()).isEqualTo(Consent.State.UNSUBSCRIBED);
    }

    @Test
    void aBadSubscriptionIsRefusedWholeWithItsPointer() throws Exception {
        String list = api.list(store, "Newsletter", "single_opt_in");
        String good = "good-" + Ids.newId().toLowerCase() + "@example.com";

        Response response = api.post(store, "/api/profile-subscription-bulk-create-jobs", """
                {"data": {"type": "profile-subscription-bulk-create-job", "attributes": {
                   "profiles": {"data": [
                     {"type": "profile", "attributes": {"email": "%s",
                        "subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED"}}}}},
                     {"type": "profile", "attributes": {"email": "not-an-email",
                        "subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED"}}}}}]}},
                  "relationships": {"list": {"data": {"type": "list", "id": "%s"}}}}}
                """.formatted(good, list));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.pointer()).isEqualTo("/data/attributes/profiles/data/1/attributes/email");
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, good)).isEmpty();

        Response unknownList = api.post(store, "/api/profile-subscription-bulk-create-jobs", """
                {"data": {"type": "profile-subscription-bulk-create-job", "attributes": {
                   "profiles": {"data": [{"type": "profile", "attributes": {"email": "%s",
                        "subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED"}}}}}]}},
                  "relationships": {"list": {"data": {"type": "list", "id": "NOSUCHLIST"}}}}}
                """.formatted(good));
        assertThat(unknownList.status()).isEqualTo(400);
        assertThat(unknownList.pointer()).isEqualTo("/data/relationships/list/data/id");
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, good)).isEmpty();
    }

    @Test
    void aPhoneNumberThatLooksRightButIsNoNumberRefusesTheWholeRequest() throws Exception {
        String list = api.list(store, "Texts", "single_opt_in");
        String good = "good-" + Ids.newId().toLowerCase() + "@example.com";

        // Digits and a plus, but no country has numbers this short: only the profiles module's check knows
        Response response = api.post(store, "/api/profile-subscription-bulk-create-jobs", """
                {"data": {"type": "profile-subscription-bulk-create-job", "attributes": {
                   "profiles": {"data": [
                     {"type": "profile", "attributes": {"email": "%s",
                        "subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED"}}}}},
                     {"type": "profile", "attributes": {"phone_number": "+1 555 0000",
                        "subscriptions": {"sms": {"marketing": {"consent": "SUBSCRIBED"}}}}}]}},
                  "relationships": {"list": {"data": {"type": "list", "id": "%s"}}}}}
                """.formatted(good, list));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.pointer()).isEqualTo("/data/attributes/profiles/data/1/attributes/phone_number");
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, good)).isEmpty();
    }
}
