package dev.magpie.content.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.magpie.content.UnknownTemplateException;
import dev.magpie.content.internal.TemplateCatalog.TemplatePartException;
import dev.magpie.content.internal.TemplateResources.TemplateAttributes;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.CollectionDocument;
import dev.magpie.web.api.CursorPageRequest;
import dev.magpie.web.api.Paged;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.ResourceDocument;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's Templates API: Get Templates, Create Template, Get Template, Update Template, Delete Template. A template
 * whose HTML, text or subject does not parse is refused with a 400 pointing at the attribute, its line and column
 * in the detail, and nothing is stored. Get Template adds the earlier versions in {@code meta}. Another account's
 * template id, like an unknown one, is a 404.
 */
@RestController
@RequestMapping("/api/templates")
class TemplatesApiController {

    private static final MediaType JSON_API = MediaType.parseMediaType("application/vnd.api+json");

    private final TemplateCatalog catalog;

    TemplatesApiController(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @RequiresScope("templates:read")
    @RateLimited(RateLimitTier.L)
    CollectionDocument<TemplateAttributes> templates(@RequestParam(required = false) String sort,
            @Paged(defaultSize = 10, maxSize = 100) CursorPageRequest page, HttpServletRequest request) {
        List<EmailTemplate> all = new ArrayList<>(catalog.all(TenantContext.requireAccountId()));
        all.sort(order(sort));
        return CollectionDocument.page(all, EmailTemplate::id, TemplateResources::template, page, request);
    }

    @PostMapping
    @RequiresScope("templates:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<ResourceDocument<TemplateAttributes>> create(@RequestBody JsonNode body) {
        JsonNode data = TemplateRequests.resource(body, TemplateResources.TEMPLATE);
        String name = TemplateRequests.name(TemplateRequests.string(data, "name"));
        TemplateRequests.editorType(data);
        String html = TemplateRequests.string(data, "html");
        if (html == null) {
            throw ApiException.invalidInput("/data/attributes/html", "A template needs its html.");
        }
        TemplateContent content = new TemplateContent(TemplateRequests.string(data, "subject"), html,
                TemplateRequests.string(data, "text"));
        EmailTemplate template;
        try {
            template = catalog.create(TenantContext.requireAccountId(), name, content);
        }
        catch (TemplatePartException invalid) {
            throw TemplateRequests.syntaxError(invalid);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
            .location(URI.create(TemplateResources.url("/api/templates/" + template.id() + "/")))
            .body(ResourceDocument.of(TemplateResources.template(template)));
    }

    /** The template, with its version and earlier versions in {@code meta} (a Magpie addition). */
    @GetMapping("/{id}")
    @RequiresScope("templates:read")
    @RateLimited(RateLimitTier.L)
    ResponseEntity<Map<String, Object>> template(@PathVariable String id) {
        String accountId = TenantContext.requireAccountId();
        EmailTemplate template = find(accountId, id);
        List<Map<String, Object>> versions = catalog.versions(accountId, id).stream()
            .map(version -> Map.<String, Object>of("version", version.version(), "saved_at",
                    TemplateResources.format(version.savedAt())))
            .toList();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("data", TemplateResources.template(template));
        document.put("meta", Map.of("version", template.version(), "previous_versions", versions));
        return ResponseEntity.ok().contentType(JSON_API).body(document);
    }

    @PatchMapping("/{id}")
    @RequiresScope("templates:write")
    @RateLimited(RateLimitTier.M)
    ResourceDocument<TemplateAttributes> update(@PathVariable String id, @RequestBody JsonNode body) {
        String accountId = TenantContext.requireAccountId();
        EmailTemplate current = find(accountId, id);
        JsonNode data = TemplateRequests.resource(body, TemplateResources.TEMPLATE);
        JsonNode bodyId = data.get("id");
        if (bodyId == null || !bodyId.isString() || !bodyId.asString().equals(id)) {
            throw ApiException.invalidInput("/data/id", "data.id must be the id in the path.");
        }
        TemplateRequests.editorType(data);
        String name = TemplateRequests.string(data, "name");
        JsonNode attributes = data.get("attributes");
        boolean contentGiven = attributes != null && (attributes.has("html") || attributes.has("text")
                || attributes.has("subject"));
        TemplateContent content = null;
        if (contentGiven) {
            String html = attributes.has("html") ? TemplateRequests.string(data, "html") : current.html();
            if (html == null) {
                throw ApiException.invalidInput("/data/attributes/html", "A template needs its html.");
            }
            content = new TemplateContent(
                    attributes.has("subject") ? TemplateRequests.string(data, "subject") : current.subject(), html,
                    attributes.has("text") ? TemplateRequests.string(data, "text") : current.text());
        }
        try {
            return ResourceDocument.of(TemplateResources.template(catalog.update(accountId, id,
                    name == null ? null : TemplateRequests.name(name), content)));
        }
        catch (TemplatePartException invalid) {
            throw TemplateRequests.syntaxError(invalid);
        }
        catch (UnknownTemplateException gone) {
            throw TemplateResources.notFound(id);
        }
    }

    @DeleteMapping("/{id}")
    @RequiresScope("templates:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<Void> delete(@PathVariable String id) {
        try {
            catalog.delete(TenantContext.requireAccountId(), id);
        }
        catch (UnknownTemplateException unknown) {
            throw TemplateResources.notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private EmailTemplate find(String accountId, String id) {
        return catalog.find(accountId, id).orElseThrow(() -> TemplateResources.notFound(id));
    }

    private static Comparator<EmailTemplate> order(String sort) {
        if (sort == null || sort.isBlank()) {
            return Comparator.comparing(EmailTemplate::id);
        }
        boolean descending = sort.startsWith("-");
        Comparator<EmailTemplate> order = switch (descending ? sort.substring(1) : sort) {
            case "id" -> Comparator.comparing(EmailTemplate::id);
            case "name" -> Comparator.comparing(EmailTemplate::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(EmailTemplate::id);
            case "created" -> Comparator.comparing(EmailTemplate::createdAt).thenComparing(EmailTemplate::id);
            case "updated" -> Comparator.comparing(EmailTemplate::updatedAt).thenComparing(EmailTemplate::id);
            default -> throw ApiException.invalidParameter("sort",
                    "Templates can be sorted by id, name, created or updated (prefix - for descending).");
        };
        return descending ? order.reversed() : order;
    }
}
