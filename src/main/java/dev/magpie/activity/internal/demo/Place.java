package dev.magpie.activity.internal.demo;

import java.util.List;

/** A city shoppers live in, with what a profile's location and phone number need to know about it. */
record Place(String city, String region, String country, String zip, String timezone, double latitude,
        double longitude, String phoneRegion, List<String> phonePrefixes, int weight) {

    /** Where the demo store's customers live: mostly the US, some of Europe, Canada and Australia. */
    static final List<Place> ALL = List.of(
            new Place("New York", "NY", "United States", "10001", "America/New_York", 40.7128, -74.0060, "US", List.of("212", "646", "917"), 14),
            new Place("Los Angeles", "CA", "United States", "90012", "America/Los_Angeles", 34.0522, -118.2437, "US", List.of("213", "323", "310"), 11),
            new Place("Chicago", "IL", "United States", "60601", "America/Chicago", 41.8781, -87.6298, "US", List.of("312", "773"), 8),
            new Place("Austin", "TX", "United States", "78701", "America/Chicago", 30.2672, -97.7431, "US", List.of("512", "737"), 5),
            new Place("Seattle", "WA", "United States", "98101", "America/Los_Angeles", 47.6062, -122.3321, "US", List.of("206"), 5),
            new Place("Denver", "CO", "United States", "80202", "America/Denver", 39.7392, -104.9903, "US", List.of("303", "720"), 4),
            new Place("Boston", "MA", "United States", "02108", "America/New_York", 42.3601, -71.0589, "US", List.of("617", "857"), 4),
            new Place("Atlanta", "GA", "United States", "30303", "America/New_York", 33.7490, -84.3880, "US", List.of("404", "678"), 4),
            new Place("Portland", "OR", "United States", "97204", "America/Los_Angeles", 45.5152, -122.6784, "US", List.of("503", "971"), 3),
            new Place("Miami", "FL", "United States", "33130", "America/New_York", 25.7617, -80.1918, "US", List.of("305", "786"), 3),
            new Place("San Francisco", "CA", "United States", "94103", "America/Los_Angeles", 37.7749, -122.4194, "US", List.of("415", "628"), 4),
            new Place("Minneapolis", "MN", "United States", "55401", "America/Chicago", 44.9778, -93.2650, "US", List.of("612"), 2),
            new Place("London", "England", "United Kingdom", "EC1A 1BB", "Europe/London", 51.5072, -0.1276, "GB", List.of("74", "75", "77", "78", "79"), 8),
            new Place("Manchester", "England", "United Kingdom", "M1 1AE", "Europe/London", 53.4808, -2.2426, "GB", List.of("74", "75", "77", "78", "79"), 2),
            new Place("Edinburgh", "Scotland", "United Kingdom", "EH1 1YZ", "Europe/London", 55.9533, -3.1883, "GB", List.of("74", "75", "77", "78", "79"), 1),
            new Place("Toronto", "ON", "Canada", "M5H 2N2", "America/Toronto", 43.6532, -79.3832, "CA", List.of("416", "647"), 4),
            new Place("Vancouver", "BC", "Canada", "V6B 1A1", "America/Vancouver", 49.2827, -123.1207, "CA", List.of("604", "778"), 2),
            new Place("Berlin", "Berlin", "Germany", "10115", "Europe/Berlin", 52.5200, 13.4050, "DE", List.of("151", "160", "170", "176"), 3),
            new Place("Munich", "Bavaria", "Germany", "80331", "Europe/Berlin", 48.1351, 11.5820, "DE", List.of("151", "160", "170", "176"), 2),
            new Place("Amsterdam", "North Holland", "Netherlands", "1012 JS", "Europe/Amsterdam", 52.3676, 4.9041, "NL", List.of("6"), 2),
            new Place("Paris", "Île-de-France", "France", "75001", "Europe/Paris", 48.8566, 2.3522, "FR", List.of("6", "7"), 2),
            new Place("Dublin", "Leinster", "Ireland", "D02 X285", "Europe/Dublin", 53.3498, -6.2603, "IE", List.of("83", "85", "86", "87"), 1),
            new Place("Sydney", "NSW", "Australia", "2000", "Australia/Sydney", -33.8688, 151.2093, "AU", List.of("4"), 3),
            new Place("Melbourne", "VIC", "Australia", "3000", "Australia/Melbourne", -37.8136, 144.9631, "AU", List.of("4"), 2));

    static final int TOTAL_WEIGHT = ALL.stream().mapToInt(Place::weight).sum();
}
