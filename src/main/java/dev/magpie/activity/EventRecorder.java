package dev.magpie.activity;

import java.util.List;

/** Records events: finds or creates the profile, the metric, and stores the event once. */
public interface EventRecorder {

    /**
     * Stores the event on its profile's timeline, in its metric's buckets and in the profile's rollups;
     * a repeat of an already stored event (same metric, profile and unique id) changes nothing.
     *
     * @throws dev.magpie.profiles.InvalidProfileException when the profile's identifiers are malformed
     */
    Event record(String accountId, NewEvent event);

    /**
     * Stores an event of the profile with this id (its survivor, if it was merged away), as {@link #record}
     * does: for events Magpie itself records about a known profile, such as "Entered Segment".
     *
     * @throws dev.magpie.profiles.InvalidProfileException when the account has no such profile
     */
    Event recordFor(String accountId, String profileId, NewEvent event);

    /**
     * Stores events of profiles named by id, each as {@link #recordFor} stores it, in one go: the profiles are
     * resolved in parallel and the rows of one partition written together. For the events Magpie records about many
     * profiles at once, such as a send job's "Received Email". An event whose profile the account no longer has is
     * not stored (it would have no timeline to go on); the others are.
     *
     * @return how many events were not stored for want of their profile
     */
    int recordAllFor(String accountId, List<ProfileEvent> events);
}
