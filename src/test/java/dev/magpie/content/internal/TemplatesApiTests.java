package dev.magpie.content.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * The Templates API as a Klaviyo client uses it: templates created, listed, read with their versions, changed,
 * rendered for a context and deleted; a template that does not parse refused with its line and column and nothing
 * stored or changed; scopes enforced.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TemplatesApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    ApiStores api;

    Store store;

    @BeforeEach
    void store() throws Exception {
        api = new ApiStores(mvc, json);
        store = api.open("Templates Store", "templates:write");
    }

    static String template(String name, String html) {
        return """
                {"data": {"type": "template", "attributes": {"name": "%s", "editor_type": "CODE", "html": %s}}}
                """.formatted(name, quote(html));
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void createListReadUpdateRenderAndDelete() throws Exception {
        Response created = api.post(store, "/api/templates",
                template("Welcome", "<style>p { color: #333 }</style><p>Hi {{ first_name | default: 'there' }}</p>"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().at("/data/id").asString();
        assertThat(created.body().at("/data/type").asString()).isEqualTo("template");
        assertThat(created.body().at("/data/attributes/name").asString()).isEqualTo("Welcome");
        assertThat(created.body().at("/data/attributes/editor_type").asString()).isEqualTo("CODE");
        assertThat(created.body().at("/data/attributes/created").asString()).isNotBlank();

        Response listed = api.get(store, "/api/templates");
        assertThat(listed.body().at("/data/0/id").asString()).isEqualTo(id);

        Response renamed = api.patch(store, "/api/templates/" + id, """
                {"data": {"type": "template", "id": "%s", "attributes": {"name": "Welcome series"}}}
                """.formatted(id));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(api.get(store, "/api/templates/" + id).body().at("/meta/version").asInt()).isEqualTo(1);

        Response edited = api.patch(store, "/api/templates/" + id, """
                {"data": {"type": "template", "id": "%s", "attributes": {"html": %s}}}
                """.formatted(id, quote("<style>p { color: #333 }</style><p>Hello {{ first_name | default: 'friend' }} of {{ organization.name }}</p>")));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        Response read = api.get(store, "/api/templates/" + id);
        assertThat(read.body().at("/data/attributes/name").asString()).isEqualTo("Welcome series");
        assertThat(read.body().at("/data/attributes/html").asString()).contains("Hello");
        assertThat(read.body().at("/meta/version").asInt()).isEqualTo(2);
        assertThat(read.body().at("/meta/previous_versions/0/version").asInt()).isEqualTo(1);

        Response rendered = api.post(store, "/api/template-render", """
                {"data": {"type": "template", "attributes": {"id": "%s", "context": {"first_name": "Ana"}}}}
                """.formatted(id));
        assertThat(rendered.status()).as(rendered.text()).isEqualTo(201);
        assertThat(rendered.body().at("/data/attributes/html").asString())
            .contains("<p style=\"color: #333;\">Hello Ana of Templates Store</p>");
        assertThat(rendered.body().at("/data/attributes/text").asString()).isEqualTo("Hello Ana of Templates Store\n");

        Response anonymous = api.post(store, "/api/template-render", """
                {"data": {"type": "template", "attributes": {"id": "%s", "context": {}}}}
                """.formatted(id));
        assertThat(anonymous.body().at("/data/attributes/text").asString()).startsWith("Hello friend");

        assertThat(api.delete(store, "/api/templates/" + id).status()).isEqualTo(204);
        assertThat(api.get(store, "/api/templates/" + id).status()).isEqualTo(404);
    }

    @Test
    void renderingPicksUpAnEditAtOnce() throws Exception {
        Response created = api.post(store, "/api/templates", template("Reused", "<p>First {{ first_name }}</p>"));
        String id = created.body().at("/data/id").asString();
        String render = """
                {"data": {"type": "template", "attributes": {"id": "%s", "context": {"first_name": "Ana"}}}}
                """.formatted(id);
        // Rendering keeps what it read for the next messages (a send renders one template per recipient)
        assertThat(api.post(store, "/api/template-render", render).body().at("/data/attributes/text").asString())
            .isEqualTo("First Ana\n");

        Response edited = api.patch(store, "/api/templates/" + id, """
                {"data": {"type": "template", "id": "%s", "attributes": {"html": %s}}}
                """.formatted(id, quote("<p>Second {{ first_name }}</p>")));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(api.post(store, "/api/template-render", render).body().at("/data/attributes/text").asString())
            .isEqualTo("Second Ana\n");
    }

    @Test
    void theCollectionIsPagedWithACursor() throws Exception {
        Set<String> created = new HashSet<>();
        for (String name : List.of("One", "Two", "Three")) {
            created.add(api.post(store, "/api/templates", template(name, "<p>" + name + "</p>")).body()
                .at("/data/id").asString());
        }
        List<String> seen = new ArrayList<>();
        String path = "/api/templates?page[size]=2";
        while (path != null) {
            Response page = api.get(store, path);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.body().at("/data").size()).isLessThanOrEqualTo(2);
            page.body().at("/data").forEach(template -> seen.add(template.at("/id").asString()));
            JsonNode next = page.body().at("/links/next");
            path = next.isMissingNode() || next.isNull() ? null : next.asString().replaceFirst("^https?://[^/]+", "");
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
    }

    @Test
    void aTemplateThatDoesNotParseIsRefusedWithItsLineAndColumnAndNothingIsStored() throws Exception {
        Response refused = api.post(store, "/api/templates",
                template("Broken", "<p>Hello</p>\n<p>{% if first_name %}Hi</p>"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.error().at("/source/pointer").asString()).isEqualTo("/data/attributes/html");
        assertThat(refused.error().at("/detail").asString()).contains("Line 2, column");
        assertThat(api.get(store, "/api/templates").body().at("/data")).isEmpty();

        Response unknownFilter = api.post(store, "/api/templates",
                template("Shouting", "<p>Hello</p>\n<p>{{ first_name | shout }}</p>"));
        assertThat(unknownFilter.status()).isEqualTo(400);
        assertThat(unknownFilter.error().at("/detail").asString()).contains("Line 2").contains("shout");

        String id = api.post(store, "/api/templates", template("Good", "<p>Fine</p>")).body().at("/data/id")
            .asString();
        Response broken = api.patch(store, "/api/templates/" + id, """
                {"data": {"type": "template", "id": "%s", "attributes": {"name": "Renamed", "html": "{{ oops"}}}
                """.formatted(id));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.error().at("/source/pointer").asString()).isEqualTo("/data/attributes/html");
        assertThat(broken.error().at("/detail").asString()).contains("Line 1, column");
        Response unchanged = api.get(store, "/api/templates/" + id);
        assertThat(unchanged.body().at("/data/attributes/name").asString()).isEqualTo("Good");
        assertThat(unchanged.body().at("/data/attributes/html").asString()).isEqualTo("<p>Fine</p>");
        assertThat(unchanged.body().at("/meta/version").asInt()).isEqualTo(1);
    }

    @Test
    void otherBadInputIsRefusedWithItsPointer() throws Exception {
        assertThat(api.post(store, "/api/templates", """
                {"data": {"type": "template", "attributes": {"html": "<p>x</p>"}}}
                """).error().at("/source/pointer").asString()).isEqualTo("/data/attributes/name");
        assertThat(api.post(store, "/api/templates", """
                {"data": {"type": "template", "attributes": {"name": "x", "editor_type": "DRAG_AND_DROP", "html": "x"}}}
                """).error().at("/source/pointer").asString()).isEqualTo("/data/attributes/editor_type");
        assertThat(api.post(store, "/api/templates", """
                {"data": {"type": "list", "attributes": {"name": "x", "html": "x"}}}
                """).error().at("/source/pointer").asString()).isEqualTo("/data/type");
        assertThat(api.post(store, "/api/template-render", """
                {"data": {"type": "template", "attributes": {"id": "nope", "context": {}}}}
                """).status()).isEqualTo(404);
        assertThat(api.get(store, "/api/templates?sort=size").status()).isEqualTo(400);
    }

    @Test
    void keysNeedTheTemplatesScopes() throws Exception {
        Store reader = api.open("Reading Store", "templates:read");
        assertThat(api.get(reader, "/api/templates").status()).isEqualTo(200);
        assertThat(api.post(reader, "/api/templates", template("No", "<p>x</p>")).status()).isEqualTo(403);
        Store other = api.open("Profiles Store", "profiles:write");
        assertThat(api.get(other, "/api/templates").status()).isEqualTo(403);
    }
}
