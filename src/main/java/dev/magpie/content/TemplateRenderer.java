package dev.magpie.content;

/**
 * Renders an account's email template for one recipient. Rendering does not fail on data: a variable the context
 * lacks renders empty (or its {@code default}), and a template is only ever stored when it parses. Templates are
 * compiled once per version and cached, so a send can call this for every recipient.
 */
public interface TemplateRenderer {

    /**
     * The template's message for this context.
     *
     * @throws UnknownTemplateException when the account has no template with this id
     */
    RenderedMessage render(String accountId, String templateId, RenderContext context);

    /**
     * A Liquid subject line given apart from a template (a campaign message's own subject), rendered like a
     * template's subject for this context; a line that does not parse is used as written.
     */
    String renderSubject(String accountId, String subject, RenderContext context);

    /**
     * What is wrong with a Liquid subject line ("Line 1, column 7: …"), or empty when it parses and renders: what a
     * campaign checks before it stores its subject, since {@link #renderSubject} uses an unparsable line as written.
     */
    java.util.Optional<String> subjectProblem(String subject);

    /** Whether the account has a template with this id: what a campaign checks before it is assigned one. */
    boolean exists(String accountId, String templateId);
}
