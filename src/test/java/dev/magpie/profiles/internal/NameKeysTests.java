package dev.magpie.profiles.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The name forms search finds by prefix. */
class NameKeysTests {

    @Test
    void firstLastAndBothLowerCasedWithoutAccents() {
        assertThat(NameKeys.of("  Zoë ", "Müller-Lüdenscheidt")).containsExactly("zoe", "muller-ludenscheidt",
                "zoe muller-ludenscheidt");
    }

    @Test
    void missingPartsLeaveOnlyWhatThereIs() {
        assertThat(NameKeys.of(null, "Mason")).containsExactly("mason");
        assertThat(NameKeys.of(" ", null)).isEmpty();
    }

    @Test
    void searchTextTakesTheSameForm() {
        assertThat(NameKeys.normalize("  SARAH   Ma ")).isEqualTo("sarah ma");
        assertThat(NameKeys.initial("élan")).isEqualTo("é");
        assertThat(NameKeys.initial("😀 smile")).isEqualTo("😀");
    }
}
