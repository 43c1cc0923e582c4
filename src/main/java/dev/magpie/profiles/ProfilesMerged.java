package dev.magpie.profiles;

import java.util.List;

/** Profiles were merged into one: whatever belonged to the merged ids now belongs to the survivor. */
public record ProfilesMerged(String accountId, String survivorId, List<String> mergedIds) {
}
