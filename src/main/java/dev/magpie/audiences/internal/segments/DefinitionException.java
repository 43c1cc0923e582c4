package dev.magpie.audiences.internal.segments;

/** A segment definition Magpie cannot accept; {@code pointer} names the offending part, below the definition. */
class DefinitionException extends RuntimeException {

    private final String pointer;

    DefinitionException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** A JSON pointer relative to the definition, such as {@code /condition_groups/0/conditions/1/metric_id}. */
    String pointer() {
        return pointer;
    }
}
