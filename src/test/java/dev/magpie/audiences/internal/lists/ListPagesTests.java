package dev.magpie.audiences.internal.lists;

import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.internal.lists.ListStores.Store;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The list pages as a marketer uses them: errors next to the field, renaming, adding someone by email (which
 * leaves consent alone), searching and removing members.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ListPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    ListMemberships memberships;

    @Test
    void createRenameAddSearchAndRemove() throws Exception {
        Store store = new ListStores(mvc, json).open("Pages Store");
        String blank = mvc.perform(post("/lists").session(store.session()).with(csrf()).param("name", " "))
            .andReturn().getResponse().getContentAsString();
        assertThat(blank).contains("A list needs a name.");

        MvcResult created = mvc.perform(post("/lists").session(store.session()).with(csrf())
            .param("name", "Regulars").param("optInProcess", "SINGLE_OPT_IN")).andReturn();
        String path = created.getResponse().getRedirectedUrl();
        String list = path.substring("/lists/".length());

        MvcResult renamedBlank = mvc.perform(post(path + "/rename").session(store.session()).with(csrf())
            .param("name", "")).andReturn();
        assertThat(page(store, path, renamedBlank)).contains("A list needs a name.");
        mvc.perform(post(path + "/rename").session(store.session()).with(csrf()).param("name", "Loyal regulars"));

        String email = "page-" + Ids.newId().toLowerCase() + "@example.com";
        MvcResult added = mvc.perform(post(path + "/members").session(store.session()).with(csrf())
            .param("email", email)).andReturn();
        String listPage = page(store, path, added);
        assertThat(listPage).contains("Loyal regulars").contains(email).contains("1 member");
        String profileId = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email).orElseThrow().id();
        assertThat(memberships.memberSince(store.accountId(), list, profileId)).isPresent();
        assertThat(profiles.find(store.accountId(), profileId).orElseThrow().consent()).isNullOrEmpty();

        assertThat(mvc.perform(get(path).param("q", email).session(store.session())).andReturn().getResponse()
            .getContentAsString()).contains("member-" + profileId);
        assertThat(mvc.perform(get(path).param("q", "nobody@example.com").session(store.session())).andReturn()
            .getResponse().getContentAsString()).contains("No member has the email");
        assertThat(mvc.perform(get("/profiles/" + profileId).session(store.session())).andReturn().getResponse()
            .getContentAsString()).contains("/profiles/" + profileId + "/lists");
        assertThat(mvc.perform(get("/profiles/" + profileId + "/lists").session(store.session())).andReturn()
            .getResponse().getContentAsString()).contains("profile-list-" + list).contains("Loyal regulars");

        mvc.perform(post(path + "/members/" + profileId + "/remove").session(store.session()).with(csrf()));
        assertThat(memberships.memberSince(store.accountId(), list, profileId)).isEmpty();
        assertThat(mvc.perform(get("/lists").session(store.session())).andReturn().getResponse()
            .getContentAsString()).contains("Loyal regulars");
    }

    private String page(Store store, String path, MvcResult after) throws Exception {
        assertThat(after.getResponse().getRedirectedUrl()).isEqualTo(path);
        return mvc.perform(get(path).session(store.session()).flashAttrs(after.getFlashMap())).andReturn()
            .getResponse().getContentAsString();
    }
}
