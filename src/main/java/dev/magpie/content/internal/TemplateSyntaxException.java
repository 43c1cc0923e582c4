package dev.magpie.content.internal;

/** A template that does not parse, with where (1-based line and column) and what the parser expected. */
class TemplateSyntaxException extends RuntimeException {

    private final int line;

    private final int column;

    TemplateSyntaxException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    /** What a marketer reads: "Line 3, column 14: …". */
    String describe() {
        return "Line %d, column %d: %s".formatted(line, column, getMessage());
    }
}
