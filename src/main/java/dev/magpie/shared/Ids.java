package dev.magpie.shared;

import com.github.f4b6a3.ulid.UlidCreator;

/** New identifiers for Magpie's records: ULIDs, sortable by creation time and safe to show in URLs. */
public final class Ids {

    private Ids() {
    }

    /** A new 26-character ULID, monotonic within this JVM. */
    public static String newId() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
