package dev.magpie.audiences.internal.lists;

import java.util.List;

import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.internal.lists.ListStores.Response;
import dev.magpie.audiences.internal.lists.ListStores.Store;
import dev.magpie.engines.CapturedMail;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.AccountDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Consent on lists as a subscriber and a store live it: a double opt-in subscriber is not a member until they
 * follow the emailed link, which works once and cannot be altered; a storefront signup records consent.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ListConsentTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    ListMemberships memberships;

    @Autowired
    AccountDirectory accounts;

    ListStores api;

    Store store;

    @BeforeEach
    void store() throws Exception {
        api = new ListStores(mvc, json);
        store = api.open("Consent Store");
    }

    @Test
    void aDoubleOptInSubscriberJoinsOnlyByFollowingTheLinkOnce() throws Exception {
        String list = api.list(store, "Insiders", "double_opt_in");
        String email = "double-" + Ids.newId().toLowerCase() + "@example.com";

        Response subscribed = api.post(store, "/api/profile-subscription-bulk-create-jobs", subscription(email, list));

        assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(202);
        Profile pending = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email).orElseThrow();
        assertThat(memberships.memberSince(store.accountId(), list, pending.id())).isEmpty();
        assertThat(pending.consent() == null ? null : pending.consent().get(Channel.EMAIL_MARKETING)).isNull();
        assertThat(api.get(store, "/api/lists/" + list + "?additional-fields[list]=profile_count").body()
            .at("/data/attributes/profile_count").asInt()).isZero();
        assertThat(api.get(store, "/api/profiles/" + pending.id() + "/lists").body().at("/data")).isEmpty();

        CapturedMail mail = ListStores.mailTo(email);
        assertThat(mail.subject()).contains("Insiders");
        String link = ListStores.confirmationPath(mail);

        String token = link.substring(link.lastIndexOf('/') + 1);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        MockHttpServletResponse refused = mvc.perform(get("/subscriptions/confirm/" + tampered)).andReturn()
            .getResponse();
        assertThat(refused.getStatus()).isEqualTo(404);
        assertThat(refused.getContentAsString()).contains("not valid");
        String otherProfile = ConfirmationLinks.read(token).orElseThrow().token().payload().replace(pending.id(), Ids.newId());
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(otherProfile.getBytes())
                + token.substring(token.indexOf('.'));
        assertThat(mvc.perform(get("/subscriptions/confirm/" + forged)).andReturn().getResponse().getStatus())
            .isEqualTo(404);
        assertThat(memberships.memberSince(store.accountId(), list, pending.id())).isEmpty();

        MockHttpServletResponse confirmed = mvc.perform(get(link)).andReturn().getResponse();

        assertThat(confirmed.getStatus()).isEqualTo(200);
        assertThat(confirmed.getContentAsString()).contains("your subscription is confirmed");
        assertThat(memberships.memberSince(store.accountId(), list, pending.id())).isPresent();
        Consent consent = profiles.find(store.accountId(), pending.id()).orElseThrow().consent()
            .get(Channel.EMAIL_MARKETING);
        assertThat(consent.state()).isEqualTo(Consent.State.SUBSCRIBED);
        assertThat(consent.method()).isEqualTo("double opt-in");

        MockHttpServletResponse again = mvc.perform(get(link)).andReturn().getResponse();
        assertThat(again.getContentAsString()).contains("already confirmed");
        assertThat(profiles.find(store.accountId(), pending.id()).orElseThrow().consent().get(Channel.EMAIL_MARKETING))
            .isEqualTo(consent);
        assertThat(ListStores.mailsTo(email)).hasSize(1);
    }

    @Test
    void aStorefrontSignupSubscribesWithTheSiteKey() throws Exception {
        String list = api.list(store, "Footer", "single_opt_in");
        String email = "shopper-" + Ids.newId().toLowerCase() + "@example.com";
        String siteKey = accounts.find(store.accountId()).orElseThrow().publicApiKey();

        MockHttpServletResponse response = mvc.perform(post("/client/subscriptions").param("company_id", siteKey)
            .header("revision", ListStores.REVISION)
            .contentType("application/json")
            .content("""
                    {"data": {"type": "subscription", "attributes": {"custom_source": "Footer signup",
                       "profile": {"data": {"type": "profile", "attributes": {"email": "%s", "first_name": "Sam"}}}},
                      "relationships": {"list": {"data": {"type": "list", "id": "%s"}}}}}
                    """.formatted(email, list))).andReturn().getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
        Profile profile = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email).orElseThrow();
        assertThat(profile.firstName()).isEqualTo("Sam");
        Consent consent = profile.consent().get(Channel.EMAIL_MARKETING);
        assertThat(consent.state()).isEqualTo(Consent.State.SUBSCRIBED);
        assertThat(consent.method()).isEqualTo("storefront");
        assertThat(consent.source()).isEqualTo("Footer signup");
        assertThat(memberships.memberSince(store.accountId(), list, profile.id())).isPresent();

        MockHttpServletResponse unknownList = mvc.perform(post("/client/subscriptions").param("company_id", siteKey)
            .header("revision", ListStores.REVISION)
            .contentType("application/json")
            .content("""
                    {"data": {"type": "subscription", "attributes": {
                       "profile": {"data": {"type": "profile", "attributes": {"email": "x-%s"}}}},
                      "relationships": {"list": {"data": {"type": "list", "id": "NOSUCHLIST"}}}}}
                    """.formatted(email))).andReturn().getResponse();
        assertThat(unknownList.getStatus()).isEqualTo(400);
        assertThat(unknownList.getContentAsString()).contains("/data/relationships/list/data/id");
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EMAIL, "x-" + email)).isEmpty();
    }

    @Test
    void addingToAListByHandLeavesConsentAloneButSubscribingToAnotherListRecordsIt() throws Exception {
        String plain = api.list(store, "Wholesale", "single_opt_in");
        String email = "hand-" + Ids.newId().toLowerCase() + "@example.com";
        String id = api.profile(store, email);
        api.post(store, "/api/lists/" + plain + "/relationships/profiles", ListStores.profileIds(List.of(id)));

        assertThat(memberships.memberSince(store.accountId(), plain, id)).isPresent();
        Profile profile = profiles.find(store.accountId(), id).orElseThrow();
        assertThat(profile.consent() == null ? null : profile.consent().get(Channel.EMAIL_MARKETING)).isNull();
    }

    private static String subscription(String email, String list) {
        return """
                {"data": {"type": "profile-subscription-bulk-create-job", "attributes": {
                   "profiles": {"data": [{"type": "profile", "attributes": {"email": "%s",
                      "subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED"}}}}}]}},
                  "relationships": {"list": {"data": {"type": "list", "id": "%s"}}}}}
                """.formatted(email, list);
    }
}
