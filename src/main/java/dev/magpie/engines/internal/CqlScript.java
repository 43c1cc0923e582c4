package dev.magpie.engines.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CQL script into statements at the semicolons that end them.
 *
 * <p>The driver runs one statement per request, so a migration file with several statements has to be cut up.
 * Semicolons inside string literals ({@code '...'}, {@code $$...$$}), quoted identifiers and comments do not end a
 * statement; comments are dropped.
 */
final class CqlScript {

    private CqlScript() {
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int length = script.length();
        while (i < length) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfQuoted(script, i, c);
                current.append(script, i, end);
                i = end;
            }
            else if (script.startsWith("$$", i)) {
                int close = script.indexOf("$$", i + 2);
                int end = (close < 0) ? length : close + 2;
                current.append(script, i, end);
                i = end;
            }
            else if (script.startsWith("--", i) || script.startsWith("//", i)) {
                int newline = script.indexOf('\n', i);
                i = (newline < 0) ? length : newline;
            }
            else if (script.startsWith("/*", i)) {
                int close = script.indexOf("*/", i + 2);
                i = (close < 0) ? length : close + 2;
                current.append(' ');
            }
            else if (c == ';') {
                add(statements, current);
                i++;
            }
            else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return List.copyOf(statements);
    }

    // A doubled quote inside a literal or identifier is an escaped quote, not its end
    private static int endOfQuoted(String script, int start, char quote) {
        int i = start + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return script.length();
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
