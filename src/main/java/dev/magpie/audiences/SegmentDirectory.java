package dev.magpie.audiences;

import java.util.List;

/** The account's segments as other modules offer them for choosing, such as a campaign's audiences. */
public interface SegmentDirectory {

    /** Every segment of the account, by name. */
    List<SegmentSummary> all(String accountId);

    /** A segment: its id and name. */
    record SegmentSummary(String id, String name) {
    }
}
