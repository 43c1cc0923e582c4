package dev.magpie.campaigns.internal;

/**
 * A campaign names a list, segment or template the account does not have (another account's is just as unknown).
 *
 * @param where which reference: {@code included/0}, {@code excluded/1} or {@code template}
 */
class UnknownReferenceException extends RuntimeException {

    private final String where;

    UnknownReferenceException(String where, String message) {
        super(message);
        this.where = where;
    }

    String where() {
        return where;
    }
}
