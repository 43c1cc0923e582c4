package dev.magpie.audiences;

/** A list id the account does not have (never had, deleted, or another account's). */
public class UnknownListException extends RuntimeException {

    private final String listId;

    public UnknownListException(String listId) {
        super("There is no list with id '%s'.".formatted(listId));
        this.listId = listId;
    }

    /** The id that was asked for. */
    public String listId() {
        return listId;
    }
}
