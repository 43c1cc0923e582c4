package dev.magpie.activity;

import java.util.Objects;

/** An event to record on the profile with this id, for {@link EventRecorder#recordAllFor}. */
public record ProfileEvent(String profileId, NewEvent event) {

    public ProfileEvent {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(event, "event");
    }
}
