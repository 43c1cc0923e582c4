package dev.magpie.activity.internal.pages;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.activity.Event;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import org.springframework.stereotype.Component;

/** Turns stored events into {@link EventRow}s, naming each event's profile when asked to. */
@Component
class EventRows {

    private final Profiles profiles;

    EventRows(Profiles profiles) {
        this.profiles = profiles;
    }

    /** Rows for one profile's timeline: the profile is the page's, so it is not looked up. */
    List<EventRow> ofTimeline(List<Event> events, ZoneId zone) {
        return events.stream().map(event -> row(event, zone, null)).toList();
    }

    /** Rows for the account's feed, each naming its profile (looked up once per profile). */
    List<EventRow> ofFeed(String accountId, List<Event> events, ZoneId zone) {
        Map<String, String> labels = new HashMap<>();
        return events.stream()
            .map(event -> row(event, zone, labels.computeIfAbsent(event.profileId(),
                    id -> profiles.find(accountId, id).map(EventRows::label).orElse(id))))
            .toList();
    }

    private static EventRow row(Event event, ZoneId zone, String profileLabel) {
        return new EventRow(event.id(), event.metricId(), event.metricName(), MetricIcons.of(event.metricName()),
                event.time().atZone(zone), AccountFormats.money(event.value(), event.valueCurrency()),
                event.profileId(), profileLabel, PropertyTree.of(event.properties()));
    }

    /** What marketers recognise a person by: their name and email, or whichever identifier there is. */
    static String label(Profile profile) {
        String name = Optional.ofNullable(profile.firstName()).orElse("") + " "
                + Optional.ofNullable(profile.lastName()).orElse("");
        String identifier = profile.email() != null ? profile.email()
                : profile.phoneNumber() != null ? profile.phoneNumber()
                : profile.externalId() != null ? profile.externalId() : profile.id();
        return name.isBlank() ? identifier : name.trim() + " · " + identifier;
    }
}
