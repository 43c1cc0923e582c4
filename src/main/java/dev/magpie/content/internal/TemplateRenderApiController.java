package dev.magpie.content.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.content.TemplateRenderer;
import dev.magpie.content.UnknownTemplateException;
import dev.magpie.content.internal.TemplateResources.RenderedAttributes;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Klaviyo's Render Template: a stored template rendered with the variables of {@code context}, which are read as a
 * profile's (its standard fields such as {@code first_name}, {@code location} and {@code properties}) plus
 * {@code event}, {@code unsubscribe_url} and {@code preferences_url}, as docs/templates.md describes.
 */
@RestController
class TemplateRenderApiController {

    private final TemplateRenderer renderer;

    private final TemplateCatalog catalog;

    private final JsonMapper json;

    TemplateRenderApiController(TemplateRenderer renderer, TemplateCatalog catalog, JsonMapper json) {
        this.renderer = renderer;
        this.catalog = catalog;
        this.json = json;
    }

    @PostMapping("/api/template-render")
    @RequiresScope("templates:read")
    @RateLimited(RateLimitTier.S)
    ResponseEntity<ResourceDocument<RenderedAttributes>> render(@RequestBody JsonNode body) {
        JsonNode data = TemplateRequests.resource(body, TemplateResources.TEMPLATE);
        String id = TemplateRequests.string(data, "id");
        if (id == null || id.isBlank()) {
            throw ApiException.invalidInput("/data/attributes/id", "Name the template to render by its id.");
        }
        JsonNode context = data.path("attributes").get("context");
        if (context != null && !context.isNull() && !context.isObject()) {
            throw ApiException.invalidInput("/data/attributes/context", "context must be an object.");
        }
        Map<String, Object> variables = context == null || context.isNull() ? Map.of()
                : json.convertValue(context, Map.class);
        String accountId = TenantContext.requireAccountId();
        EmailTemplate template = catalog.find(accountId, id).orElseThrow(() -> TemplateResources.notFound(id));
        RenderedMessage message;
        try {
            message = renderer.render(accountId, id, contextOf(variables));
        }
        catch (UnknownTemplateException gone) {
            throw TemplateResources.notFound(id);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(ResourceDocument.of(Resource.of(
                TemplateResources.TEMPLATE, id, new RenderedAttributes(template.name(), template.editorType(),
                        message.html(), message.text(), message.subject()),
                TemplateResources.url("/api/templates/" + id + "/"))));
    }

    @SuppressWarnings("unchecked")
    static RenderContext contextOf(Map<String, Object> variables) {
        Map<String, Object> person = variables.get("person") instanceof Map<?, ?> given
                ? new LinkedHashMap<>((Map<String, Object>) given) : new LinkedHashMap<>();
        variables.forEach(person::putIfAbsent);
        Map<String, Object> location = person.get("location") instanceof Map<?, ?> given
                ? (Map<String, Object>) given : Map.of();
        Map<String, Object> properties = person.get("properties") instanceof Map<?, ?> given
                ? (Map<String, Object>) given : Map.of();
        Profile profile = new Profile(text(person, "id"), text(person, "email"), text(person, "phone_number"),
                text(person, "external_id"), null, text(person, "first_name"), text(person, "last_name"),
                text(person, "organization"), text(person, "title"), text(person, "image"),
                new Location(text(location, "address1"), text(location, "address2"), text(location, "city"),
                        text(location, "country"), text(location, "region"), text(location, "zip"),
                        text(location, "timezone"), null, null),
                properties, Map.of(), Instant.EPOCH, Instant.EPOCH);
        Map<String, Object> event = variables.get("event") instanceof Map<?, ?> given ? (Map<String, Object>) given
                : Map.of();
        return new RenderContext(profile, event, text(variables, "unsubscribe_url"),
                text(variables, "preferences_url"));
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null || value instanceof Map || value instanceof Iterable ? null : value.toString();
    }
}
