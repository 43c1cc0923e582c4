package dev.magpie.profiles.internal.pages;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.Marketers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Marketers list their account's profiles a page at a time and find one by any identifier or by name. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ProfileListPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Profiles profiles;

    Marketers marketers;

    @BeforeEach
    void marketers() {
        marketers = new Marketers(mvc);
    }

    @Test
    void aProfileIsFoundByEmailPhoneExternalIdAndName() throws Exception {
        Marketers.Marketer owner = marketers.signUp("Quill & Quire");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Profile ada = upsert(owner, "ada-" + unique + "@example.com", "+14155550123", "cust-" + unique, "Adaline",
                "Lovelace" + unique);
        Profile grace = upsert(owner, "grace-" + unique + "@example.com", null, null, "Grace", "Hopper");

        assertThat(rowsOf(search(owner, "ada-" + unique + "@example.com"))).containsExactly(ada.id());
        assertThat(rowsOf(search(owner, "+1 415 555 0123"))).containsExactly(ada.id());
        assertThat(rowsOf(search(owner, "cust-" + unique))).containsExactly(ada.id());
        assertThat(rowsOf(search(owner, "lovelace" + unique))).containsExactly(ada.id());
        assertThat(rowsOf(search(owner, "Grace"))).containsExactly(grace.id());

        String nothing = search(owner, "nobody-" + unique + "@example.com");
        assertThat(nothing).contains("No profile matches").doesNotContain("profiles-table");

        String all = marketers.page(owner, "/profiles");
        assertThat(rowsOf(all)).containsExactly(grace.id(), ada.id());
        assertThat(all).contains("Adaline Lovelace" + unique, "ada-" + unique + "@example.com", "+14155550123",
                "Austin, United States", "href=\"/profiles/" + ada.id() + "\"");
    }

    @Test
    void theListShowsTwentyFiveProfilesAPageNewestFirst() throws Exception {
        Marketers.Marketer owner = marketers.signUp("Paged Pens");
        for (int i = 0; i < 30; i++) {
            upsert(owner, "shopper" + i + "@paged.example", null, null, "Shopper", "Number" + i);
        }

        String first = marketers.page(owner, "/profiles");
        assertThat(rowsOf(first)).hasSize(25);
        assertThat(first).contains("shopper29@paged.example").doesNotContain("shopper4@paged.example");
        Matcher next = Pattern.compile("id=\"profiles-next\"\\s+href=\"([^\"]+)\"").matcher(first);
        assertThat(next.find()).as("a next-page link").isTrue();

        String second = marketers.page(owner, next.group(1).replace("&amp;", "&"));
        assertThat(rowsOf(second)).hasSize(5);
        assertThat(second).contains("shopper0@paged.example", "profiles-first").doesNotContain("profiles-next");
    }

    @Test
    void anEmptyAccountSaysWhereProfilesComeFrom() throws Exception {
        Marketers.Marketer owner = marketers.signUp("Empty Emporium");

        assertThat(marketers.page(owner, "/profiles")).contains("No profiles yet", "nav-profiles", "nav-metrics",
                "nav-activity");
    }

    @Test
    void aMarketerNeverSeesAnotherAccountsProfiles() throws Exception {
        Marketers.Marketer a = marketers.signUp("Store A");
        Marketers.Marketer b = marketers.signUp("Store B");
        String email = "only-in-b-" + UUID.randomUUID().toString().toLowerCase(Locale.ROOT) + "@example.com";
        upsert(b, email, null, "b-customer-1", "Bea", "Bystander");

        assertThat(rowsOf(search(a, email))).isEmpty();
        assertThat(rowsOf(search(a, "b-customer-1"))).isEmpty();
        assertThat(marketers.page(a, "/profiles")).doesNotContain(email);
        assertThat(rowsOf(search(b, email))).hasSize(1);
    }

    private String search(Marketers.Marketer marketer, String text) throws Exception {
        MvcResult result = mvc.perform(get("/profiles").param("q", text).session(marketer.session())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private Profile upsert(Marketers.Marketer owner, String email, String phone, String externalId, String first,
            String last) {
        return profiles.upsert(owner.accountId(), new ProfileAttributes(new Identifiers(email, phone, externalId, null),
                first, last, null, null, null,
                new Location("1 Congress Ave", null, "Austin", "United States", "TX", "78701", "America/Chicago", null,
                        null),
                Map.of("loyalty", Map.of("tier", "Gold")), null)).profile();
    }

    /** The profile ids of the list's rows, top to bottom. */
    private static java.util.List<String> rowsOf(String page) {
        Matcher rows = Pattern.compile("<tr id=\"profile-([0-9A-Z]+)\"").matcher(page);
        java.util.List<String> ids = new java.util.ArrayList<>();
        while (rows.find()) {
            ids.add(rows.group(1));
        }
        return ids;
    }
}
