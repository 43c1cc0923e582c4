package dev.magpie.audiences.internal.segments;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which countries make up the regions of {@code profile-region} conditions. A profile's country may be stored as
 * an ISO 3166 code or as a name (stores send either), so both are recognised.
 */
final class Regions {

    private static final Map<String, Set<String>> REGIONS = Map.of(
            "european_union", Set.of("at", "austria", "be", "belgium", "bg", "bulgaria", "hr", "croatia", "cy",
                    "cyprus", "cz", "czechia", "czech republic", "dk", "denmark", "ee", "estonia", "fi", "finland",
                    "fr", "france", "de", "germany", "gr", "greece", "hu", "hungary", "ie", "ireland", "it", "italy",
                    "lv", "latvia", "lt", "lithuania", "lu", "luxembourg", "mt", "malta", "nl", "netherlands",
                    "the netherlands", "pl", "poland", "pt", "portugal", "ro", "romania", "sk", "slovakia", "si",
                    "slovenia", "es", "spain", "se", "sweden"),
            "united_states", Set.of("us", "usa", "united states", "united states of america"));

    private Regions() {
    }

    static boolean known(String region) {
        return REGIONS.containsKey(region);
    }

    /** Whether {@code country} (code or name, any case) lies in {@code region}; false without a country. */
    static boolean contains(String region, String country) {
        return country != null && REGIONS.get(region).contains(country.strip().toLowerCase(Locale.ROOT));
    }
}
