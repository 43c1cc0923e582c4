package dev.magpie.web.api;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiRevisionTests {

    @Test
    void readsADateWithOrWithoutASuffix() {
        assertThat(ApiRevision.parse("2025-01-15")).contains(new ApiRevision(LocalDate.of(2025, 1, 15), null));
        assertThat(ApiRevision.parse("2024-10-15.pre")).contains(new ApiRevision(LocalDate.of(2024, 10, 15), "pre"));
        assertThat(ApiRevision.parse("2024-10-15.pre").orElseThrow()).hasToString("2024-10-15.pre");
    }

    @Test
    void refusesAnythingElse() {
        for (String text : new String[] { null, "", "latest", "2025-1-15", "2025-13-01", "2025-02-30", "20250115",
                "2025-01-15.", "2025-01-15 extra", "v2" }) {
            assertThat(ApiRevision.parse(text)).as(text).isEmpty();
        }
    }
}
