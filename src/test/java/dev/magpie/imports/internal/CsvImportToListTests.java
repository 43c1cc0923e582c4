package dev.magpie.imports.internal;

import java.time.Duration;
import java.util.Map;

import dev.magpie.audiences.ListMemberships;
import dev.magpie.imports.internal.Stores.Store;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A CSV import can put every imported profile on a list: they become members, and their consent is left alone
 * unless the marketer also chose to subscribe them. A list of another store is refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CsvImportToListTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    Profiles profiles;

    @Autowired
    ListMemberships memberships;

    @Test
    void importedProfilesJoinTheChosenListWithoutConsentChanging() throws Exception {
        Stores stores = new Stores(mvc, jdbc, passwords);
        ImportSteps steps = new ImportSteps(mvc, jdbc);
        Store store = stores.open("Listed Imports");
        Store other = stores.open("Other Imports");
        String list = createList(store, "Imported customers");
        String othersList = createList(other, "Not yours");
        String domain = "list-" + store.accountId().toLowerCase() + ".example";
        String jobId = steps.upload(store.owner(), "customers.csv", """
                Email,First Name
                ana@%1$s,Ana
                ben@%1$s,Ben
                """.formatted(domain));

        MvcResult refused = mvc.perform(mapping(store, jobId, othersList)).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isNull();
        assertThat(refused.getResponse().getContentAsString()).contains("This list does not exist any more.");

        MvcResult started = mvc.perform(mapping(store, jobId, list)).andReturn();
        assertThat(started.getResponse().getRedirectedUrl()).isEqualTo("/imports/" + jobId);
        Map<String, Object> job = steps.awaitFinished(jobId, Duration.ofSeconds(60));

        assertThat(job).containsEntry("status", "COMPLETE").containsEntry("created_count", 2);
        for (String name : new String[] { "ana", "ben" }) {
            Profile profile = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, name + "@" + domain)
                .orElseThrow();
            assertThat(memberships.memberSince(store.accountId(), list, profile.id())).as(name).isPresent();
            assertThat(profile.consent() == null ? null : profile.consent().get(Channel.EMAIL_MARKETING)).isNull();
        }
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder mapping(Store store,
            String jobId, String listId) {
        return post("/imports/{id}/mapping", jobId).session(store.owner())
            .with(csrf())
            .param("action", "start")
            .param("emailConsent", "leave")
            .param("listId", listId)
            .param("columns[0].target", "EMAIL")
            .param("columns[1].target", "FIRST_NAME");
    }

    private String createList(Store store, String name) throws Exception {
        MvcResult created = mvc.perform(post("/lists").session(store.owner())
            .with(csrf())
            .param("name", name)
            .param("optInProcess", "SINGLE_OPT_IN")).andReturn();
        String redirect = created.getResponse().getRedirectedUrl();
        assertThat(redirect).as("creation of list " + name).startsWith("/lists/");
        return redirect.substring("/lists/".length());
    }
}
