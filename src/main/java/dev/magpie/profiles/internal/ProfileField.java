package dev.magpie.profiles.internal;

/**
 * A profile's standard fields besides its identifiers, each stored in its own column, with its attribute path
 * as Klaviyo spells it (location parts under {@code location/}).
 */
public enum ProfileField {

    FIRST_NAME("first_name", "first_name", 255),
    LAST_NAME("last_name", "last_name", 255),
    ORGANIZATION("organization", "organization", 255),
    TITLE("title", "title", 255),
    IMAGE("image", "image", 2048),
    LOCALE("locale", "locale", 35),
    ADDRESS1("address1", "location/address1", 255),
    ADDRESS2("address2", "location/address2", 255),
    CITY("city", "location/city", 255),
    COUNTRY("country", "location/country", 255),
    REGION("region", "location/region", 255),
    ZIP("zip", "location/zip", 64),
    TIMEZONE("timezone", "location/timezone", 64),
    LATITUDE("latitude", "location/latitude", 0),
    LONGITUDE("longitude", "location/longitude", 0),
    IP("ip", "location/ip", 64);

    private final String column;

    private final String attribute;

    private final int maxLength;

    ProfileField(String column, String attribute, int maxLength) {
        this.column = column;
        this.attribute = attribute;
        this.maxLength = maxLength;
    }

    /** The column of the {@code profiles} table. */
    public String column() {
        return column;
    }

    /** The attribute, such as {@code first_name} or {@code location/city}: a JSON pointer below {@code attributes}. */
    public String attribute() {
        return attribute;
    }

    /** Whether the field holds a number (a coordinate) rather than text. */
    public boolean numeric() {
        return maxLength == 0;
    }

    /** The longest text the field takes. */
    public int maxLength() {
        return maxLength;
    }
}
