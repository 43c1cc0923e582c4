package dev.magpie.web.api;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SparseFieldsetsTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void keepsOnlyTheListedAttributesIncludingNestedOnes() {
        JsonNode document = json.readTree("""
                {"data":[{"type":"account","id":"1","attributes":{"timezone":"UTC","locale":"en-US",
                  "contact_information":{"organization_name":"Acme","website_url":"https://acme.example",
                    "street_address":{"city":"Boston","zip":"02110"}}}}]}""");

        SparseFieldsets.from(Map.of("fields[account]",
                new String[] { "timezone,contact_information.street_address.city, contact_information.website_url" }))
            .applyTo(document);

        assertThat(document.at("/data/0/attributes").toString()).isEqualTo(
                "{\"timezone\":\"UTC\",\"contact_information\":{\"website_url\":\"https://acme.example\","
                        + "\"street_address\":{\"city\":\"Boston\"}}}");
        assertThat(document.at("/data/0/id").asString()).isEqualTo("1");
    }

    @Test
    void leavesOtherTypesAndRequestsWithoutFieldsetsAlone() {
        JsonNode document = json.readTree("""
                {"data":{"type":"profile","id":"1","attributes":{"email":"a@b.c","first_name":"Ada"}}}""");

        assertThat(SparseFieldsets.from(Map.of("filter", new String[] { "x" })).isEmpty()).isTrue();
        SparseFieldsets.from(Map.of("fields[account]", new String[] { "timezone" })).applyTo(document);

        assertThat(document.at("/data/attributes/first_name").asString()).isEqualTo("Ada");
    }
}
