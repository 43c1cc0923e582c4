package dev.magpie.content.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.Resource;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Templates as Klaviyo's API shows them (revision 2026-07-15), with Magpie's optional {@code subject}. */
final class TemplateResources {

    static final String TEMPLATE = "template";

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private TemplateResources() {
    }

    static Resource<TemplateAttributes> template(EmailTemplate template) {
        return Resource.of(TEMPLATE, template.id(), new TemplateAttributes(template.name(), template.editorType(),
                template.html(), template.text(), null, template.subject(), format(template.createdAt()),
                format(template.updatedAt())), url("/api/templates/" + template.id() + "/"));
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("A template with id %s does not exist."
            .formatted(id.length() > 40 ? id.substring(0, 40) + "…" : id));
    }

    static String format(Instant time) {
        return time == null ? null : DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
    }

    static String url(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }

    /** A template's attributes; {@code amp} is always null (Magpie has no AMP emails). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TemplateAttributes(String name, @JsonProperty("editor_type") String editorType, String html, String text,
            String amp, String subject, String created, String updated) {
    }

    /** What {@code POST /api/template-render} answers with: the rendered parts. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RenderedAttributes(String name, @JsonProperty("editor_type") String editorType, String html, String text,
            String subject) {
    }
}
