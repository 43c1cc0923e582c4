package dev.magpie.content.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.content.TemplateRenderer;
import dev.magpie.content.UnknownTemplateException;
import dev.magpie.tenancy.AccountDirectory;
import org.springframework.stereotype.Component;

/** Renders the account's stored templates, compiled once per version ({@link CompiledTemplates}). */
@Component
class LiquidTemplateRenderer implements TemplateRenderer {

    private static final int MAX_SUBJECTS = 1000;

    private final TemplateCatalog catalog;

    private final CompiledTemplates compiled;

    private final AccountDirectory accounts;

    private final Map<String, CompiledTemplate.Part> subjects = new ConcurrentHashMap<>();

    LiquidTemplateRenderer(TemplateCatalog catalog, CompiledTemplates compiled, AccountDirectory accounts) {
        this.catalog = catalog;
        this.compiled = compiled;
        this.accounts = accounts;
    }

    @Override
    public RenderedMessage render(String accountId, String templateId, RenderContext context) {
        EmailTemplate template = catalog.findForSending(accountId, templateId)
            .orElseThrow(() -> new UnknownTemplateException(templateId));
        return compiled.of(template).render(context, accounts.recent(accountId).orElse(null));
    }

    @Override
    public String renderSubject(String accountId, String subject, RenderContext context) {
        CompiledTemplate.Part part;
        try {
            part = subjects.computeIfAbsent(subject, CompiledTemplate.Part::of);
        }
        catch (RuntimeException unparsable) {
            return subject;
        }
        if (subjects.size() > MAX_SUBJECTS) {
            // A campaign sends one subject to every recipient: a small cache holds the campaigns sending now
            subjects.clear();
        }
        return CompiledTemplate.renderSubject(part, context, accounts.recent(accountId).orElse(null));
    }

    @Override
    public java.util.Optional<String> subjectProblem(String subject) {
        try {
            Liquid.check(subject);
            return java.util.Optional.empty();
        }
        catch (TemplateSyntaxException invalid) {
            return java.util.Optional.of(invalid.describe());
        }
    }

    @Override
    public boolean exists(String accountId, String templateId) {
        return catalog.find(accountId, templateId).isPresent();
    }

    /** Unsaved content, as the editor's preview shows it (compiled anew each time, not cached). */
    RenderedMessage preview(String accountId, TemplateContent content, RenderContext context) {
        return CompiledTemplate.compile(content).render(context, accounts.find(accountId).orElse(null));
    }
}
