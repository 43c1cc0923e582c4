package dev.magpie.deliverability.internal;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.deliverability.UnsubscribeLink;
import dev.magpie.deliverability.UnsubscribeLinks;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Unsubscribe links end to end on the real engines, as a mailbox provider and a recipient use them: the RFC 8058
 * one-click POST (no sign-in and no CSRF token) and the page with its button withdraw email consent, suppress the
 * address and record the event once; an altered link or one signed for another account changes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class UnsubscribeTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Profiles profiles;

    @Autowired
    Suppressions suppressions;

    @Autowired
    UnsubscribeLinks links;

    @Autowired
    UnsubscribeSecrets secrets;

    @Autowired
    ActivityQueries activity;

    Marketer a;

    Marketer b;

    @BeforeEach
    void stores() throws Exception {
        Marketers marketers = new Marketers(mvc);
        a = marketers.signUp("Alder Unsubscribes");
        b = marketers.signUp("Beech Unsubscribes");
    }

    @Test
    void theLinkAndHeadersNameTheRecipientForSending() {
        Profile ada = subscribed(a, "ada");

        UnsubscribeLink link = links.linkFor(a.accountId(), ada.id(), ada.email(), "campaign-7");

        assertThat(link.url()).matches("http://localhost(:\\d+)?/unsubscribe/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(link.mailto()).startsWith("mailto:unsubscribe@magpie.local?subject=unsubscribe%20");
        assertThat(link.mailto()).endsWith(token(link));
        assertThat(link.headers()).containsExactly(
                Map.entry("List-Unsubscribe", "<" + link.url() + ">, <" + link.mailto() + ">"),
                Map.entry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        assertThat(links.linkFor(a.accountId(), ada.id(), ada.email(), "campaign-7")).isEqualTo(link);
        assertThat(links.linkFor(a.accountId(), ada.id(), ada.email(), "campaign-8").url()).isNotEqualTo(link.url());
    }

    @Test
    void oneClickUnsubscribesOnceAndAgainChangesNothing() throws Exception {
        Profile ada = subscribed(a, "ada");
        Profile bystander = subscribed(a, "bystander");
        String path = path(links.linkFor(a.accountId(), ada.id(), ada.email(), "campaign-1"));

        MockHttpServletResponse first = oneClick(path);

        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.getRedirectedUrl()).isNull();
        assertThat(first.getHeader("Location")).isNull();
        Consent consent = emailConsent(a, ada.id());
        assertThat(consent.state()).isEqualTo(Consent.State.UNSUBSCRIBED);
        assertThat(consent.method()).isEqualTo("one-click unsubscribe");
        assertThat(consent.source()).isEqualTo("campaign-1");
        assertThat(suppressions.find(a.accountId(), ada.email())).hasValueSatisfying(suppression -> {
            assertThat(suppression.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED);
            assertThat(suppression.source()).isEqualTo("campaign-1");
        });
        List<Event> unsubscribed = unsubscribedEvents(a, ada.id());
        assertThat(unsubscribed).singleElement().satisfies(event -> {
            assertThat(event.properties()).containsEntry("message_id", "campaign-1")
                .containsEntry("email", ada.email());
            assertThat(event.time()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1,
                    ChronoUnit.MINUTES));
        });

        MockHttpServletResponse second = oneClick(path);

        assertThat(second.getStatus()).isEqualTo(200);
        assertThat(second.getRedirectedUrl()).isNull();
        assertThat(emailConsent(a, ada.id())).isEqualTo(consent);
        assertThat(unsubscribedEvents(a, ada.id())).hasSize(1);
        assertThat(emailConsent(a, bystander.id()).state()).isEqualTo(Consent.State.SUBSCRIBED);
        assertThat(suppressions.isSuppressed(a.accountId(), bystander.email())).isFalse();
    }

    @Test
    void anAlteredLinkChangesNothing() throws Exception {
        Profile ada = subscribed(a, "ada");
        Profile other = subscribed(a, "other");
        UnsubscribeLink link = links.linkFor(a.accountId(), ada.id(), ada.email(), null);
        String token = token(link);
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        String flipped = signature.substring(0, signature.length() - 1)
                + (signature.endsWith("A") ? "B" : "A");
        String forOther = UnsubscribeTokens.token(a.accountId(), other.id(), other.email(), null, "not the secret");
        String otherPayloadAdasSignature = forOther.substring(0, forOther.indexOf('.')) + "." + signature;

        for (String altered : List.of(payload + "." + flipped, otherPayloadAdasSignature, forOther, payload,
                "garbage", payload + ".." + signature)) {
            assertThat(oneClick("/unsubscribe/" + altered).getStatus()).as(altered).isEqualTo(404);
            assertThat(mvc.perform(get("/unsubscribe/" + altered)).andReturn().getResponse().getStatus())
                .as(altered).isEqualTo(404);
        }

        for (Profile untouched : List.of(ada, other)) {
            assertThat(emailConsent(a, untouched.id()).state()).isEqualTo(Consent.State.SUBSCRIBED);
            assertThat(suppressions.isSuppressed(a.accountId(), untouched.email())).isFalse();
            assertThat(unsubscribedEvents(a, untouched.id())).isEmpty();
        }
    }

    @Test
    void aTokenOfOneAccountNeverTouchesAnother() throws Exception {
        String email = "shared-" + Ids.newId().toLowerCase() + "@example.com";
        Profile inA = subscribed(a, email);
        Profile inB = subscribed(b, email);
        links.linkFor(b.accountId(), inB.id(), inB.email(), null);
        String aSecret = secrets.of(a.accountId());

        // A's secret signing a claim about B's account, profile and address; and A's payload renamed to B
        String claimingB = UnsubscribeTokens.token(b.accountId(), inB.id(), email, null, aSecret);
        String aToken = token(links.linkFor(a.accountId(), inA.id(), email, null));
        String renamed = UnsubscribeTokens.token(b.accountId(), inA.id(), email, null, "x");
        String aPayloadAsB = renamed.substring(0, renamed.indexOf('.')) + aToken.substring(aToken.indexOf('.'));
        for (String forged : List.of(claimingB, aPayloadAsB)) {
            assertThat(oneClick("/unsubscribe/" + forged).getStatus()).isEqualTo(404);
        }
        assertThat(emailConsent(b, inB.id()).state()).isEqualTo(Consent.State.SUBSCRIBED);
        assertThat(suppressions.isSuppressed(b.accountId(), email)).isFalse();

        // A's own link, used for real, affects A only, though B has a profile with the same address
        assertThat(oneClick("/unsubscribe/" + aToken).getStatus()).isEqualTo(200);
        assertThat(emailConsent(a, inA.id()).state()).isEqualTo(Consent.State.UNSUBSCRIBED);
        assertThat(suppressions.isSuppressed(a.accountId(), email)).isTrue();
        assertThat(emailConsent(b, inB.id()).state()).isEqualTo(Consent.State.SUBSCRIBED);
        assertThat(suppressions.isSuppressed(b.accountId(), email)).isFalse();
        assertThat(unsubscribedEvents(b, inB.id())).isEmpty();
    }

    @Test
    void thePageAsksThenItsButtonUnsubscribes() throws Exception {
        Profile ada = subscribed(a, "ada");
        String path = path(links.linkFor(a.accountId(), ada.id(), ada.email(), null));

        MockHttpServletResponse page = mvc.perform(get(path)).andReturn().getResponse();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("Stop marketing emails to " + ada.email() + "?")
            .contains("id=\"unsubscribe-submit\"");
        assertThat(emailConsent(a, ada.id()).state()).as("showing the page changes nothing")
            .isEqualTo(Consent.State.SUBSCRIBED);
        assertThat(suppressions.isSuppressed(a.accountId(), ada.email())).isFalse();

        MockHttpServletResponse done = mvc.perform(post(path).param("via", "page")).andReturn().getResponse();

        assertThat(done.getStatus()).isEqualTo(200);
        assertThat(done.getContentAsString()).contains("data-outcome=\"UNSUBSCRIBED\"")
            .contains("You are unsubscribed");
        Consent consent = emailConsent(a, ada.id());
        assertThat(consent.state()).isEqualTo(Consent.State.UNSUBSCRIBED);
        assertThat(consent.method()).isEqualTo("unsubscribe page");
        assertThat(consent.source()).isEqualTo(Unsubscriber.LINK_SOURCE);
        assertThat(suppressions.isSuppressed(a.accountId(), ada.email())).isTrue();
        assertThat(unsubscribedEvents(a, ada.id())).hasSize(1);

        MockHttpServletResponse again = mvc.perform(post(path).param("via", "page")).andReturn().getResponse();
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(again.getContentAsString()).contains("data-outcome=\"ALREADY_UNSUBSCRIBED\"");
        assertThat(unsubscribedEvents(a, ada.id())).hasSize(1);
    }

    private MockHttpServletResponse oneClick(String path) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("List-Unsubscribe=One-Click")).andReturn().getResponse();
    }

    private Profile subscribed(Marketer store, String name) {
        String email = name.contains("@") ? name : name + "-" + Ids.newId().toLowerCase() + "@example.com";
        return profiles.upsert(store.accountId(), new ProfileAttributes(new Identifiers(email, null, null, null),
                "Ada", null, null, null, null, null, null, Map.of(Channel.EMAIL_MARKETING,
                        new Consent(Consent.State.SUBSCRIBED, Instant.now().minusSeconds(3600), "API", "test"))))
            .profile();
    }

    private Consent emailConsent(Marketer store, String profileId) {
        return profiles.find(store.accountId(), profileId).orElseThrow().consent().get(Channel.EMAIL_MARKETING);
    }

    private List<Event> unsubscribedEvents(Marketer store, String profileId) {
        return activity.timeline(store.accountId(), profileId, Optional.empty(), 100)
            .events()
            .stream()
            .filter(event -> event.metricName().equals(Unsubscriber.UNSUBSCRIBED_METRIC))
            .toList();
    }

    private static String path(UnsubscribeLink link) {
        return URI.create(link.url()).getPath();
    }

    private static String token(UnsubscribeLink link) {
        return link.url().substring(link.url().lastIndexOf('/') + 1);
    }
}
