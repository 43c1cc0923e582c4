package dev.magpie.profiles;

/** A profile field a caller sent that Magpie cannot accept, such as a phone number that is not a number. */
public class InvalidProfileException extends RuntimeException {

    private final String field;

    public InvalidProfileException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field, in Klaviyo's attribute spelling (e.g. {@code phone_number}). */
    public String field() {
        return field;
    }
}
