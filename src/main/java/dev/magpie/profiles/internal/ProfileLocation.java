package dev.magpie.profiles.internal;

import java.util.Map;

import dev.magpie.profiles.Location;

/** Location parts of a stored profile, as a public {@link Location}. */
final class ProfileLocation {

    private ProfileLocation() {
    }

    static Location of(Map<ProfileField, Object> fields) {
        Location location = new Location(text(fields, ProfileField.ADDRESS1), text(fields, ProfileField.ADDRESS2),
                text(fields, ProfileField.CITY), text(fields, ProfileField.COUNTRY), text(fields, ProfileField.REGION),
                text(fields, ProfileField.ZIP), text(fields, ProfileField.TIMEZONE),
                (Double) fields.get(ProfileField.LATITUDE), (Double) fields.get(ProfileField.LONGITUDE));
        return isEmpty(location) ? null : location;
    }

    static void put(Location location, Map<ProfileField, Object> into) {
        if (location == null) {
            return;
        }
        putIfGiven(into, ProfileField.ADDRESS1, location.address1());
        putIfGiven(into, ProfileField.ADDRESS2, location.address2());
        putIfGiven(into, ProfileField.CITY, location.city());
        putIfGiven(into, ProfileField.COUNTRY, location.country());
        putIfGiven(into, ProfileField.REGION, location.region());
        putIfGiven(into, ProfileField.ZIP, location.zip());
        putIfGiven(into, ProfileField.TIMEZONE, location.timezone());
        putIfGiven(into, ProfileField.LATITUDE, location.latitude());
        putIfGiven(into, ProfileField.LONGITUDE, location.longitude());
    }

    private static void putIfGiven(Map<ProfileField, Object> into, ProfileField field, Object value) {
        if (value != null) {
            into.put(field, value);
        }
    }

    private static boolean isEmpty(Location location) {
        return location.address1() == null && location.address2() == null && location.city() == null
                && location.country() == null && location.region() == null && location.zip() == null
                && location.timezone() == null && location.latitude() == null && location.longitude() == null;
    }

    private static String text(Map<ProfileField, Object> fields, ProfileField field) {
        return (String) fields.get(field);
    }
}
