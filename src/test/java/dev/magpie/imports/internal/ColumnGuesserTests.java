package dev.magpie.imports.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping a file suggests before anyone touches it. */
class ColumnGuesserTests {

    @Test
    void headersAsStoresWriteThemNameTheStandardFields() {
        List<ColumnMapping> columns = ColumnGuesser.guess(
                List.of("E-mail Address", "Mobile", "Customer ID", "Given name", "Surname", "Company", "Postal Code",
                        "State/Province", "Country"),
                List.of());

        assertThat(columns).extracting(ColumnMapping::target)
            .containsExactly(ColumnTarget.EMAIL, ColumnTarget.PHONE_NUMBER, ColumnTarget.EXTERNAL_ID,
                    ColumnTarget.FIRST_NAME, ColumnTarget.LAST_NAME, ColumnTarget.ORGANIZATION, ColumnTarget.ZIP,
                    ColumnTarget.REGION, ColumnTarget.COUNTRY);
    }

    @Test
    void otherColumnsBecomeCustomPropertiesNamedAsTheirHeaderAndASecondEmailColumnToo() {
        List<ColumnMapping> columns = ColumnGuesser.guess(List.of("email", "Email", " Favourite colour ", ""),
                List.of(List.of("a@b.example", "c@d.example", "red", "x")));

        assertThat(columns).extracting(ColumnMapping::target)
            .containsExactly(ColumnTarget.EMAIL, ColumnTarget.PROPERTY, ColumnTarget.PROPERTY, ColumnTarget.SKIP);
        assertThat(columns.get(1).property()).isEqualTo("Email");
        assertThat(columns.get(2).property()).isEqualTo("Favourite colour");
    }

    @Test
    void typesAreGuessedFromTheValuesTheColumnHolds() {
        assertThat(ColumnGuesser.guessType(List.of("12", "", "1,250.75", "-3"))).isEqualTo(ValueType.NUMBER);
        assertThat(ColumnGuesser.guessType(List.of("Yes", "no", "TRUE"))).isEqualTo(ValueType.BOOLEAN);
        assertThat(ColumnGuesser.guessType(List.of("2024-01-31", "01/31/2024", "2024-02-01T10:00:00Z")))
            .isEqualTo(ValueType.DATE);
        assertThat(ColumnGuesser.guessType(List.of("12", "twelve"))).isEqualTo(ValueType.TEXT);
        assertThat(ColumnGuesser.guessType(List.of("", " "))).isEqualTo(ValueType.TEXT);
    }

    @Test
    void codesWithLeadingZerosStayTextAndOnesAndZerosAreNumbers() {
        assertThat(ColumnGuesser.guessType(List.of("02139", "10001"))).isEqualTo(ValueType.TEXT);
        assertThat(ColumnGuesser.guessType(List.of("1", "0", "1"))).isEqualTo(ValueType.NUMBER);
        assertThat(ColumnGuesser.guessType(List.of("0.5", "0"))).isEqualTo(ValueType.NUMBER);
    }
}
