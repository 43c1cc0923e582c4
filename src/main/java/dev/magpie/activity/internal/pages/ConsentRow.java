package dev.magpie.activity.internal.pages;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;

/** A profile's consent for one channel, as the profile page lists it: every channel, given or not. */
record ConsentRow(Channel channel, Consent.State state, ZonedDateTime at, String method, String source) {

    /** How and where consent was given or withdrawn, e.g. "Double opt-in · Footer form". */
    public String how() {
        return Stream.of(method, source).filter(Objects::nonNull).collect(Collectors.joining(" · "));
    }

    static List<ConsentRow> of(Map<Channel, Consent> consent, ZoneId zone) {
        return Arrays.stream(Channel.values()).map(channel -> {
            Consent given = consent == null ? null : consent.get(channel);
            if (given == null) {
                return new ConsentRow(channel, Consent.State.NEVER_SUBSCRIBED, null, null, null);
            }
            return new ConsentRow(channel, given.state(), given.at() == null ? null : given.at().atZone(zone),
                    given.method(), given.source());
        }).toList();
    }
}
