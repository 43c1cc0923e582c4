package dev.magpie.profiles;

/** Where a profile lives, in Klaviyo's shape; every part is optional. */
public record Location(String address1, String address2, String city, String country, String region, String zip,
        String timezone, Double latitude, Double longitude) {
}
