package dev.magpie.web.api;

import java.util.List;

import dev.magpie.web.api.FilterExpression.Comparison;
import dev.magpie.web.api.FilterSpec.FieldType;
import org.junit.jupiter.api.Test;

import static dev.magpie.web.api.FilterParserTests.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class FilterSpecTests {

    private final FilterSpec profiles = FilterSpec.builder()
        .field("id", FieldType.STRING, FilterOperator.ANY, FilterOperator.EQUALS)
        .field("email", FieldType.STRING, FilterOperator.ANY, FilterOperator.EQUALS)
        .field("updated", FieldType.DATETIME, FilterOperator.GREATER_THAN, FilterOperator.LESS_THAN)
        .field("score", FieldType.NUMBER, FilterOperator.GREATER_OR_EQUAL)
        .field("active", FieldType.BOOLEAN, FilterOperator.EQUALS)
        .build();

    @Test
    void hasNothingToSayWithoutAFilter() {
        assertThat(profiles.parse(null)).isEmpty();
        assertThat(profiles.parse("")).isEmpty();
    }

    @Test
    void acceptsWhatTheEndpointAllows() {
        List<Comparison> comparisons = profiles.parse(
                "equals(email,\"a@b.c\"),any(id,[\"1\",\"2\"]),greater-than(updated,2024-01-01T00:00:00Z),"
                        + "greater-or-equal(score,3),equals(active,true)")
            .orElseThrow()
            .comparisons();
        assertThat(comparisons).extracting(Comparison::field)
            .containsExactly("email", "id", "updated", "score", "active");
    }

    @Test
    void refusesAFieldTheEndpointDoesNotFilterOn() {
        assertInvalid(() -> profiles.parse("equals(first_name,\"Ada\")"),
                "'first_name' is not an allowed filter field. Allowed fields: active, email, id, score, updated.");
    }

    @Test
    void refusesAnOperatorTheFieldDoesNotAllow() {
        assertInvalid(() -> profiles.parse("contains(email,\"@b.c\")"),
                "'contains' is not an allowed operator for 'email'. Allowed operators: equals, any.");
    }

    @Test
    void refusesAValueOfTheWrongType() {
        assertInvalid(() -> profiles.parse("equals(email,42)"), "'email' is compared with a string");
        assertInvalid(() -> profiles.parse("greater-or-equal(score,\"3\")"), "'score' is compared with a number");
        assertInvalid(() -> profiles.parse("equals(active,\"yes\")"), "'active' is compared with a boolean");
    }

    @Test
    void explainsThatDatetimesAreWrittenWithoutQuotes() {
        assertInvalid(() -> profiles.parse("greater-than(updated,'2024-08-01T00:00:00Z')"),
                "Write datetimes without quotes.");
    }

    @Test
    void needsAListForAny() {
        assertInvalid(() -> profiles.parse("any(id,\"1\")"), "any(id,…) takes a non-empty list");
        assertInvalid(() -> profiles.parse("any(id,[])"), "any(id,…) takes a non-empty list");
        assertInvalid(() -> profiles.parse("any(id,[\"1\",2])"), "'id' is compared with a string");
    }

    @Test
    void refusesOrAndNotUnlessTheEndpointAllowsThem() {
        assertInvalid(() -> profiles.parse("or(equals(id,\"1\"),equals(id,\"2\"))"), "'or' is not supported");
        assertInvalid(() -> profiles.parse("not(equals(id,\"1\"))"), "'not' is not supported");

        FilterSpec lenient = FilterSpec.builder()
            .field("id", FieldType.STRING, FilterOperator.EQUALS)
            .allowOr()
            .allowNot()
            .build();
        assertThat(lenient.parse("or(equals(id,\"1\"),not(equals(id,\"2\")))")).isPresent();
    }

    @Test
    void checksComparisonsNestedInAnd() {
        assertInvalid(() -> profiles.parse("and(equals(id,\"1\"),equals(nickname,\"x\"))"),
                "'nickname' is not an allowed filter field");
    }
}
