package dev.magpie.content.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Compiled templates by template version, so that a send compiles each template once however many recipients it
 * has. A version's content never changes, so entries never go stale; the cache is emptied when it holds more
 * than {@link #CAPACITY} versions, which only an account editing templates all day would reach.
 */
@Component
class CompiledTemplates {

    static final int CAPACITY = 2_000;

    private final Map<String, CompiledTemplate> compiled = new ConcurrentHashMap<>();

    CompiledTemplate of(EmailTemplate template) {
        String key = template.id() + ":" + template.version();
        CompiledTemplate found = compiled.get(key);
        if (found != null) {
            return found;
        }
        if (compiled.size() >= CAPACITY) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(key, ignored -> CompiledTemplate.compile(
                new TemplateContent(template.subject(), template.html(), template.text())));
    }
}
