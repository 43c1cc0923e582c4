package dev.magpie.web.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code filter=} expression: comparisons combined with {@code and(…)}, {@code or(…)} and
 * {@code not(…)}; top-level commas mean {@code and}. Produced by {@link FilterSpec#parse(String)}, which
 * has already checked it against what the endpoint allows.
 */
public sealed interface FilterExpression {

    /** One comparison, such as {@code equals(email,"a@b.c")}. */
    record Comparison(FilterOperator operator, String field, FilterValue value) implements FilterExpression {
    }

    /** Every operand holds. */
    record And(List<FilterExpression> operands) implements FilterExpression {

        /** Copies {@code operands}. */
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** At least one operand holds. */
    record Or(List<FilterExpression> operands) implements FilterExpression {

        /** Copies {@code operands}. */
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** The operand does not hold. */
    record Not(FilterExpression operand) implements FilterExpression {
    }

    /**
     * The comparisons of an expression that only combines them with {@code and} (as most endpoints allow),
     * flattened; throws when the expression has an {@code or} or a {@code not}.
     */
    default List<Comparison> comparisons() {
        List<Comparison> comparisons = new ArrayList<>();
        collect(this, comparisons);
        return List.copyOf(comparisons);
    }

    private static void collect(FilterExpression expression, List<Comparison> into) {
        if (expression instanceof Comparison comparison) {
            into.add(comparison);
        }
        else if (expression instanceof And and) {
            and.operands().forEach(operand -> collect(operand, into));
        }
        else {
            throw new IllegalStateException("Not a conjunction of comparisons: " + expression);
        }
    }
}
