package dev.magpie.content.internal;

import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.content.TemplateRenderer;
import dev.magpie.content.UnknownTemplateException;
import dev.magpie.tenancy.AccountDirectory;
import org.springframework.stereotype.Component;

/** Renders the account's stored templates, compiled once per version ({@link CompiledTemplates}). */
@Component
class LiquidTemplateRenderer implements TemplateRenderer {

    private final TemplateCatalog catalog;

    private final CompiledTemplates compiled;

    private final AccountDirectory accounts;

    LiquidTemplateRenderer(TemplateCatalog catalog, CompiledTemplates compiled, AccountDirectory accounts) {
        this.catalog = catalog;
        this.compiled = compiled;
        this.accounts = accounts;
    }

    @Override
    public RenderedMessage render(String accountId, String templateId, RenderContext context) {
        EmailTemplate template = catalog.find(accountId, templateId)
            .orElseThrow(() -> new UnknownTemplateException(templateId));
        return compiled.of(template).render(context, accounts.find(accountId).orElse(null));
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
