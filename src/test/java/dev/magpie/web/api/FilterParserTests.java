package dev.magpie.web.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.magpie.web.api.FilterExpression.And;
import dev.magpie.web.api.FilterExpression.Comparison;
import dev.magpie.web.api.FilterExpression.Not;
import dev.magpie.web.api.FilterExpression.Or;
import dev.magpie.web.api.FilterValue.BooleanValue;
import dev.magpie.web.api.FilterValue.DateTimeValue;
import dev.magpie.web.api.FilterValue.ListValue;
import dev.magpie.web.api.FilterValue.NullValue;
import dev.magpie.web.api.FilterValue.NumberValue;
import dev.magpie.web.api.FilterValue.StringValue;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterParserTests {

    @Test
    void readsAnEqualsComparisonWithADoubleQuotedString() {
        assertThat(FilterParser.parse("equals(email,\"a@b.c\")"))
            .isEqualTo(new Comparison(FilterOperator.EQUALS, "email", new StringValue("a@b.c")));
    }

    @Test
    void readsSingleQuotedStringsAsKlaviyosExamplesWriteThem() {
        assertThat(FilterParser.parse("equals(id,'example')"))
            .isEqualTo(new Comparison(FilterOperator.EQUALS, "id", new StringValue("example")));
    }

    @Test
    void unescapesQuotesBackslashesAndUnicodeInStrings() {
        assertThat(FilterParser.parse("equals(name,\"say \\\"hi\\\" \\\\ it's \\u00e9\")"))
            .isEqualTo(new Comparison(FilterOperator.EQUALS, "name", new StringValue("say \"hi\" \\ it's é")));
        assertThat(FilterParser.parse("equals(name,'it\\'s')"))
            .isEqualTo(new Comparison(FilterOperator.EQUALS, "name", new StringValue("it's")));
    }

    @Test
    void readsAnyWithAListOfStrings() {
        assertThat(FilterParser.parse("any(id,[\"a\",\"b\"])")).isEqualTo(new Comparison(FilterOperator.ANY, "id",
                new ListValue(List.of(new StringValue("a"), new StringValue("b")))));
    }

    @Test
    void readsUnquotedDatetimesWithZoneOrOffset() {
        assertThat(FilterParser.parse("greater-than(updated,2023-03-01T00:00:00Z)"))
            .isEqualTo(new Comparison(FilterOperator.GREATER_THAN, "updated",
                    new DateTimeValue(Instant.parse("2023-03-01T00:00:00Z"), "2023-03-01T00:00:00Z")));
        assertThat(value("less-or-equal(created_at,2024-08-01T00:00:00-07:00)"))
            .isEqualTo(new DateTimeValue(Instant.parse("2024-08-01T07:00:00Z"), "2024-08-01T00:00:00-07:00"));
    }

    @Test
    void takesAnOffsetWhosePlusBecameASpaceInAnUnencodedUrlAsThatOffset() {
        assertThat(value("greater-than(updated,2024-01-01T10:00:00 02:00)"))
            .isEqualTo(new DateTimeValue(Instant.parse("2024-01-01T08:00:00Z"), "2024-01-01T10:00:00+02:00"));
    }

    @Test
    void takesDatesAndLocalDatetimesAsUtc() {
        assertThat(((DateTimeValue) value("greater-than(updated,2024-01-02)")).value())
            .isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(((DateTimeValue) value("greater-than(updated,2024-01-02T03:04:05)")).value())
            .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void readsNumbersBooleansAndNull() {
        assertThat(value("less-than(value,25)")).isEqualTo(new NumberValue(new BigDecimal("25")));
        assertThat(value("greater-or-equal(percentage,-33.33)")).isEqualTo(new NumberValue(new BigDecimal("-33.33")));
        assertThat(value("equals(active,true)")).isEqualTo(new BooleanValue(true));
        assertThat(value("equals(active,false)")).isEqualTo(new BooleanValue(false));
        assertThat(value("equals(deleted_at,null)")).isEqualTo(new NullValue());
    }

    @Test
    void combinesTopLevelCommasWithAnd() {
        assertThat(FilterParser.parse("equals(email,\"a@b.c\"),greater-than(updated,2024-01-01T00:00:00Z)"))
            .isInstanceOfSatisfying(And.class, and -> assertThat(and.operands()).hasSize(2));
    }

    @Test
    void readsNestedAndOrNot() {
        FilterExpression expression = FilterParser
            .parse("or(and(equals(a,1),equals(b,2)),not(equals(c,\"x\")))");
        assertThat(expression).isInstanceOfSatisfying(Or.class, or -> {
            assertThat(or.operands().get(0)).isInstanceOfSatisfying(And.class,
                    and -> assertThat(and.operands()).hasSize(2));
            assertThat(or.operands().get(1)).isInstanceOfSatisfying(Not.class,
                    not -> assertThat(not.operand()).isEqualTo(
                            new Comparison(FilterOperator.EQUALS, "c", new StringValue("x"))));
        });
    }

    @Test
    void ignoresTheSpacesKlaviyosSdksPutAfterCommas() {
        assertThat(FilterParser.parse(" equals(email, \"a@b.c\") , any( id , [ 'a' , 'b' ] ) "))
            .isEqualTo(new And(List.of(new Comparison(FilterOperator.EQUALS, "email", new StringValue("a@b.c")),
                    new Comparison(FilterOperator.ANY, "id",
                            new ListValue(List.of(new StringValue("a"), new StringValue("b")))))));
    }

    @Test
    void readsEveryOperatorKlaviyoDocuments() {
        for (FilterOperator operator : FilterOperator.values()) {
            String value = operator.takesList() ? "[\"x\"]" : "\"x\"";
            assertThat(FilterParser.parse(operator.text() + "(field," + value + ")"))
                .isInstanceOfSatisfying(Comparison.class, comparison -> assertThat(comparison.operator())
                    .isEqualTo(operator));
        }
    }

    @Test
    void readsDottedFieldNames() {
        assertThat(FilterParser.parse("equals(messages.channel,'email')"))
            .isEqualTo(new Comparison(FilterOperator.EQUALS, "messages.channel", new StringValue("email")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "equals(email,\"a@b.c\"                | Verify your parentheses match",
        "equals(email,\"a@b.c\"))              | Verify your parentheses match",
        "and(equals(a,1),equals(b,2)           | Verify your parentheses match",
        "frobnicate(email,\"a\")               | Unknown filter operation 'frobnicate'",
        "equals(email,\"a@b.c)                 | Unterminated string starting at position 14",
        "equals(email,)                        | expected a value",
        "equals(email,a@b.c)                   | write strings in quotes",
        "equals(,\"x\")                        | expected a field name",
        "equals(email \"x\")                   | expected ','",
        "equals(email,\"x\") equals(a,\"y\")   | expected ',' between filters",
        "greater-than(updated,2024-02-30T00:00:00Z) | is not a valid datetime",
        "any(id,[\"a\",[\"b\"]])               | Lists cannot hold lists",
        "any(id,[\"a\"                         | Unterminated list",
        "not(equals(a,1),equals(b,2))          | not(…) takes one expression",
        "equals(name,\"\\q\")                  | Unknown escape",
        "'                                     | expected an operation",
    })
    void answersMistakesWithA400OnTheFilterParameter(String filter, String detail) {
        assertInvalid(() -> FilterParser.parse(filter), detail);
    }

    @Test
    void answersAnEmptyFilterWithA400() {
        assertInvalid(() -> FilterParser.parse("   "), "The filter is empty.");
    }

    private static FilterValue value(String filter) {
        return ((Comparison) FilterParser.parse(filter)).value();
    }

    static void assertInvalid(ThrowingCallable call, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, exception -> {
            assertThat(exception.status().value()).isEqualTo(400);
            ApiError error = exception.errors().get(0);
            assertThat(error.code()).isEqualTo("invalid");
            assertThat(error.source().parameter()).isEqualTo("filter");
            assertThat(error.detail()).contains(detail);
        });
    }
}
