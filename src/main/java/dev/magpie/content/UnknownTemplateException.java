package dev.magpie.content;

/** The account has no template with this id (another account's template is just as unknown). */
public class UnknownTemplateException extends RuntimeException {

    public UnknownTemplateException(String templateId) {
        super("No template " + templateId);
    }
}
