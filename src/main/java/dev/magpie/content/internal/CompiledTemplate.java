package dev.magpie.content.internal;

import java.util.Map;

import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.tenancy.AccountView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A template compiled for sending: the subject, the HTML with its CSS already inlined, and the plain text (the
 * template's own or derived from the HTML), each a parsed Liquid template. Rendering never fails: a part whose
 * rendering fails on the data it is given (a loop over far too many items, say) renders again with no
 * variables, so that every {@code default} applies, and failing that, empty.
 */
final class CompiledTemplate {

    private static final Logger log = LoggerFactory.getLogger(CompiledTemplate.class);

    private final Part subject;

    private final Part html;

    private final Part text;

    private CompiledTemplate(Part subject, Part html, Part text) {
        this.subject = subject;
        this.html = html;
        this.text = text;
    }

    /** @throws TemplateSyntaxException when a part does not parse (stored templates always do) */
    static CompiledTemplate compile(TemplateContent content) {
        EmailHtml.Prepared prepared = EmailHtml.prepare(content.html(), content.text());
        return new CompiledTemplate(content.subject() == null ? null : Part.of(content.subject()),
                Part.of(prepared.html()), Part.of(prepared.text()));
    }

    RenderedMessage render(RenderContext context, AccountView account) {
        Map<String, Object> raw = RenderVariables.of(context, account, false);
        Map<String, Object> escaped = RenderVariables.of(context, account, true);
        return new RenderedMessage(subject == null ? "" : safely(subject, raw).strip(), safely(html, escaped),
                safely(text, raw));
    }

    /** A subject line on its own, rendered as a template's subject is. */
    static String renderSubject(Part subject, RenderContext context, AccountView account) {
        return safely(subject, RenderVariables.of(context, account, false)).strip();
    }

    private static String safely(Part template, Map<String, Object> variables) {
        try {
            return template.render(variables);
        }
        catch (RuntimeException failed) {
            log.warn("A template failed to render with its data; rendering it with defaults only: {}",
                    failed.getMessage());
            try {
                return template.whole().render(Map.of());
            }
            catch (RuntimeException again) {
                return "";
            }
        }
    }

    /** One part of the message: cut into pieces when it can be ({@link SegmentedTemplate}), else whole. */
    record Part(LiquidTemplate whole, SegmentedTemplate segmented) {

        static Part of(String source) {
            return new Part(Liquid.compile(source), SegmentedTemplate.of(source));
        }

        String render(Map<String, Object> variables) {
            return segmented != null ? segmented.render(variables) : whole.render(variables);
        }
    }
}
