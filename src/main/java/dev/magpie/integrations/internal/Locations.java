package dev.magpie.integrations.internal;

import java.util.Arrays;
import java.util.Objects;

import dev.magpie.profiles.Location;

/** Profile locations from the addresses platforms send. */
public final class Locations {

    private Locations() {
    }

    /** A location, or {@code null} when no part of it is known. */
    public static Location of(String address1, String address2, String city, String country, String region,
            String zip, String timezone, Double latitude, Double longitude) {
        boolean empty = Arrays.stream(new Object[] { address1, address2, city, country, region, zip, timezone,
                latitude, longitude }).allMatch(Objects::isNull);
        return empty ? null : new Location(address1, address2, city, country, region, zip, timezone, latitude,
                longitude);
    }
}
