package dev.magpie.audiences;

/** A list was deleted: it has no members any more, and segments that name it must stop counting on it. */
public record ListDeleted(String accountId, String listId) {
}
