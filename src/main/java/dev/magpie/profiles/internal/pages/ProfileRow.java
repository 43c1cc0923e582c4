package dev.magpie.profiles.internal.pages;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.magpie.profiles.Profile;

/** A profile as one line of the list: name (or id), identifiers, where they live, when they arrived. */
record ProfileRow(String id, String name, String email, String phoneNumber, String externalId, String place,
        ZonedDateTime created) {

    static ProfileRow of(Profile profile, ZoneId zone) {
        String name = Stream.of(profile.firstName(), profile.lastName())
            .filter(Objects::nonNull)
            .collect(Collectors.joining(" "))
            .trim();
        String place = profile.location() == null ? null
                : Stream.of(profile.location().city(), profile.location().country())
                    .filter(Objects::nonNull)
                    .collect(Collectors.joining(", "));
        return new ProfileRow(profile.id(), name.isEmpty() ? null : name, profile.email(), profile.phoneNumber(),
                profile.externalId(), place, profile.created() == null ? null : profile.created().atZone(zone));
    }
}
