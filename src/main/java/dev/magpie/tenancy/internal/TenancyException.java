package dev.magpie.tenancy.internal;

/** A request about accounts or people that cannot go through, with the form field it concerns. */
class TenancyException extends RuntimeException {

    private final String field;

    TenancyException(String field, String messageCode) {
        super(messageCode);
        this.field = field;
    }

    /** The form field the problem belongs next to, or {@code null} for the whole form. */
    String field() {
        return field;
    }

    /** The key of the message in {@code messages.properties}. */
    String messageCode() {
        return getMessage();
    }
}
