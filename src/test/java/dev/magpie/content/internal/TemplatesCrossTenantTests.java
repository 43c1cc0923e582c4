package dev.magpie.content.internal;

import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Store;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Store A's key and A's owner, holding store B's template id, get a 404 on every template route, API and pages
 * alike, and B's template stays exactly as it was.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TemplatesCrossTenantTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    ApiStores api;

    Store a;

    Store b;

    String bTemplate;

    JsonNode bBefore;

    @BeforeEach
    void twoStores() throws Exception {
        api = new ApiStores(mvc, json);
        a = api.open("Alder Templates", "templates:write");
        b = api.open("Beech Templates", "templates:write");
        api.post(a, "/api/templates", TemplatesApiTests.template("Alder welcome", "<p>A</p>"));
        bTemplate = api.post(b, "/api/templates", TemplatesApiTests.template("Beech welcome", "<p>B {{ first_name }}</p>"))
            .body().at("/data/id").asString();
        bBefore = api.get(b, "/api/templates/" + bTemplate).body();
    }

    @Test
    void everyApiRouteAnswers404ForAnotherStoresTemplate() throws Exception {
        assertThat(api.get(a, "/api/templates/" + bTemplate).status()).isEqualTo(404);
        assertThat(api.patch(a, "/api/templates/" + bTemplate, """
                {"data": {"type": "template", "id": "%s", "attributes": {"name": "Hijacked", "html": "x"}}}
                """.formatted(bTemplate)).status()).isEqualTo(404);
        assertThat(api.post(a, "/api/template-render", """
                {"data": {"type": "template", "attributes": {"id": "%s", "context": {}}}}
                """.formatted(bTemplate)).status()).isEqualTo(404);
        assertThat(api.delete(a, "/api/templates/" + bTemplate).status()).isEqualTo(404);
        assertThat(api.get(a, "/api/templates").text()).contains("Alder welcome").doesNotContain(bTemplate);

        assertThat(api.get(b, "/api/templates/" + bTemplate).body()).isEqualTo(bBefore);
    }

    @Test
    void everyPageAnswers404ForAnotherStoresTemplate() throws Exception {
        Marketer owner = new Marketers(mvc).signUp("Alder Pages");
        assertThat(status(owner, get("/templates/" + bTemplate))).isEqualTo(404);
        assertThat(status(owner, post("/templates/" + bTemplate).param("name", "Hijacked").param("html", "x")))
            .isEqualTo(404);
        assertThat(status(owner, post("/templates/" + bTemplate + "/preview").param("html", "x"))).isEqualTo(404);
        assertThat(status(owner, get("/templates/" + bTemplate + "/delete"))).isEqualTo(404);
        assertThat(status(owner, post("/templates/" + bTemplate + "/delete"))).isEqualTo(404);
        String index = mvc.perform(get("/templates").session(owner.session())).andReturn().getResponse()
            .getContentAsString();
        assertThat(index).doesNotContain("Beech welcome");

        assertThat(api.get(b, "/api/templates/" + bTemplate).body()).isEqualTo(bBefore);
    }

    private int status(Marketer owner, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(owner.session()).with(csrf())).andReturn().getResponse().getStatus();
    }
}
