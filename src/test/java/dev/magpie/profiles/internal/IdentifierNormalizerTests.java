package dev.magpie.profiles.internal;

import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.InvalidProfileException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Identifiers in the one form they are stored and found in, and refusals that name Klaviyo's attribute. */
class IdentifierNormalizerTests {

    private final IdentifierNormalizer us = new IdentifierNormalizer(new ProfilesProperties("US"));

    private final IdentifierNormalizer gb = new IdentifierNormalizer(new ProfilesProperties("gb"));

    @Test
    void emailsAreTrimmedAndLowerCased() {
        assertThat(us.email("  Sarah.Mason+news@Klaviyo-Demo.COM ")).isEqualTo("sarah.mason+news@klaviyo-demo.com");
        assertThat(us.email("zoë@exämple.de")).isEqualTo("zoë@exämple.de");
        assertThat(us.email("   ")).isNull();
        assertThat(us.email(null)).isNull();
    }

    @Test
    void emailsThatCannotBeDeliveredAreRefused() {
        for (String bad : new String[] { "sarah", "sarah@", "@example.com", "sarah@example", "sa rah@example.com",
                "sarah@@example.com", "sarah..mason@example.com", ".sarah@example.com", "sarah@-example.com",
                "x".repeat(250) + "@example.com" }) {
            assertThatThrownBy(() -> us.email(bad)).as(bad)
                .isInstanceOfSatisfying(InvalidProfileException.class, e -> assertThat(e.field()).isEqualTo("email"));
        }
    }

    @Test
    void phoneNumbersBecomeE164WithTheDefaultRegionForLocalNumbers() {
        assertThat(us.phoneNumber("(415) 555-0132")).isEqualTo("+14155550132");
        assertThat(us.phoneNumber("+1 415-555-0132")).isEqualTo("+14155550132");
        assertThat(us.phoneNumber("+44 20 7183 8750")).isEqualTo("+442071838750");
        assertThat(gb.phoneNumber("020 7183 8750")).isEqualTo("+442071838750");
        assertThat(gb.phoneNumber("07911 123456")).isEqualTo("+447911123456");
        assertThat(us.phoneNumber(" ")).isNull();
    }

    @Test
    void numbersThatAreNotPhoneNumbersAreRefused() {
        for (String bad : new String[] { "12", "555-0132", "call me", "+1 000 000 0000", "+999 1234 5678" }) {
            assertThatThrownBy(() -> us.phoneNumber(bad)).as(bad)
                .isInstanceOfSatisfying(InvalidProfileException.class,
                        e -> assertThat(e.field()).isEqualTo("phone_number"));
        }
    }

    @Test
    void idsAreTrimmedAndBounded() {
        assertThat(us.normalize(IdentifierKind.EXTERNAL_ID, " 63f64a2b ")).isEqualTo("63f64a2b");
        assertThat(us.normalize(IdentifierKind.ANONYMOUS_ID, "Anon-1")).isEqualTo("Anon-1");
        assertThatThrownBy(() -> us.normalize(IdentifierKind.EXTERNAL_ID, "x".repeat(256)))
            .isInstanceOfSatisfying(InvalidProfileException.class,
                    e -> assertThat(e.field()).isEqualTo("external_id"));
    }

    @Test
    void identifiersComeStrongestFirstAndBlanksAreLeftOut() {
        assertThat(us.identifiers(new Identifiers("A@B.CO", "", "ext", "anon")))
            .containsExactly(new Identifier(IdentifierKind.EXTERNAL_ID, "ext"), new Identifier(IdentifierKind.EMAIL,
                    "a@b.co"), new Identifier(IdentifierKind.ANONYMOUS_ID, "anon"));
    }

    @Test
    void lenientLookupsFindNothingInsteadOfFailing() {
        assertThat(us.lenient(IdentifierKind.PHONE_NUMBER, "12")).isEmpty();
        assertThat(us.lenient(IdentifierKind.EMAIL, "A@B.CO")).contains("a@b.co");
    }

    @Test
    void theDefaultRegionMustBeACountry() {
        assertThatThrownBy(() -> new ProfilesProperties("Narnia")).isInstanceOf(IllegalArgumentException.class);
    }
}
