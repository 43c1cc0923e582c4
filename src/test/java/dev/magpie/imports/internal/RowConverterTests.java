package dev.magpie.imports.internal;

import java.time.Instant;
import java.util.List;

import dev.magpie.imports.internal.RowConverter.Converted;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.ProfileAttributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One CSV row becoming what its profile should be, following the mapping. */
class RowConverterTests {

    private static final Instant NOW = Instant.parse("2026-05-31T12:00:00Z");

    private static final ImportMapping MAPPING = new ImportMapping(',', List.of(
            new ColumnMapping("Email", ColumnTarget.EMAIL, null, ValueType.TEXT),
            new ColumnMapping("Phone", ColumnTarget.PHONE_NUMBER, null, ValueType.TEXT),
            new ColumnMapping("First", ColumnTarget.FIRST_NAME, null, ValueType.TEXT),
            new ColumnMapping("City", ColumnTarget.CITY, null, ValueType.TEXT),
            new ColumnMapping("Lat", ColumnTarget.LATITUDE, null, ValueType.TEXT),
            new ColumnMapping("Orders", ColumnTarget.PROPERTY, "orders", ValueType.NUMBER),
            new ColumnMapping("VIP", ColumnTarget.PROPERTY, "vip", ValueType.BOOLEAN),
            new ColumnMapping("Since", ColumnTarget.PROPERTY, "since", ValueType.DATE),
            new ColumnMapping("Internal", ColumnTarget.SKIP, null, ValueType.TEXT)), true);

    private final RowConverter converter = new RowConverter(MAPPING, "shoppers.csv");

    @Test
    void aRowBecomesIdentifiersFieldsLocationTypedPropertiesAndConsent() {
        Converted converted = converter.convert(
                List.of("ada@example.com", "+14155550100", "Ada", "London", "51.5", "1,024", "Y", "31.01.2024", "x"),
                NOW);

        ProfileAttributes profile = ((Converted.Valid) converted).attributes();
        assertThat(profile.identifiers().email()).isEqualTo("ada@example.com");
        assertThat(profile.identifiers().phoneNumber()).isEqualTo("+14155550100");
        assertThat(profile.firstName()).isEqualTo("Ada");
        assertThat(profile.location().city()).isEqualTo("London");
        assertThat(profile.location().latitude()).isEqualTo(51.5);
        assertThat(profile.properties()).containsExactly(java.util.Map.entry("orders", 1024L),
                java.util.Map.entry("vip", true), java.util.Map.entry("since", "2024-01-31"));
        assertThat(profile.consent()).containsOnlyKeys(Channel.EMAIL_MARKETING);
        assertThat(profile.consent().get(Channel.EMAIL_MARKETING))
            .isEqualTo(new Consent(Consent.State.SUBSCRIBED, NOW, "CSV import", "shoppers.csv"));
    }

    @Test
    void emptyCellsLeaveFieldsAloneAndRowsWithoutEmailGetNoConsent() {
        Converted converted = converter.convert(List.of("", "+14155550100", "", "", "", "", "", ""), NOW);

        ProfileAttributes profile = ((Converted.Valid) converted).attributes();
        assertThat(profile.firstName()).isNull();
        assertThat(profile.location()).isNull();
        assertThat(profile.properties()).isNull();
        assertThat(profile.consent()).isNull();
    }

    @Test
    void aValueItsColumnsTypeCannotReadIsRefusedNamingTheColumn() {
        Converted converted = converter.convert(List.of("ada@example.com", "", "", "", "", "many"), NOW);

        assertThat(converted).isEqualTo(new Converted.Invalid("Orders", "many", "'many' is not a number."));
    }

    @Test
    void aRowWithoutIdentifierOrWithTooManyValuesIsRefused() {
        assertThat(converter.convert(List.of("", "", "Ada"), NOW)).isInstanceOfSatisfying(Converted.Invalid.class,
                invalid -> assertThat(invalid.message()).isEqualTo("The row has no email, phone number or external id."));
        assertThat(converter.convert(List.of("a@b.example", "", "", "", "", "", "", "", "", "extra"), NOW))
            .isInstanceOfSatisfying(Converted.Invalid.class,
                    invalid -> assertThat(invalid.message()).contains("10 values but the header names 9 columns"));
    }

    @Test
    void fieldsTheProfilesModuleRefusesAreTracedBackToTheirColumns() {
        assertThat(converter.columnOf("phone_number")).isEqualTo("Phone");
        assertThat(converter.columnOf("location/city")).isEqualTo("City");
        assertThat(converter.columnOf("")).isNull();
        assertThat(converter.valueOf("Phone", List.of("a@b.example", "12"))).isEqualTo("12");
    }
}
