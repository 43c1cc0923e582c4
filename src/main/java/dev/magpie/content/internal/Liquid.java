package dev.magpie.content.internal;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liqp.Template;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;
import liqp.parser.Flavor;

/**
 * The personalisation language: Liquid, through liqp, configured so that a template cannot reach anything but the
 * variables it is given. Liquid has no method calls, no object access beyond map keys and list items, and no
 * includes here (the file resolver refuses every name); loops are bounded by an iteration budget and the output
 * by a size budget, so a template cannot run long or grow without end. Undefined variables render empty.
 */
final class Liquid {

    /** Loop iterations one render may take in all (a cart of a thousand items is far below it). */
    static final int MAX_ITERATIONS = 100_000;

    /** Longest output of one part of one message. */
    static final int MAX_OUTPUT = 4 * 1024 * 1024;

    /** Longest template source. */
    static final long MAX_SOURCE = 1024 * 1024;

    /** Where liqp says an error is: "line 3, index 14" (the index 0-based). */
    private static final Pattern POSITION = Pattern.compile("(?:on )?line (\\d+), index (\\d+):?");

    private static final Pattern QUOTED = Pattern.compile("parser error \"(.*)\"", Pattern.DOTALL);

    private static final TemplateParser PARSER = new TemplateParser.Builder()
        .withFlavor(Flavor.LIQUID)
        .withStrictVariables(false)
        .withErrorMode(TemplateParser.ErrorMode.STRICT)
        .withEvaluateMode(TemplateParser.EvaluateMode.LAZY)
        .withMaxIterations(MAX_ITERATIONS)
        .withMaxSizeRenderedString(MAX_OUTPUT)
        .withMaxTemplateSizeBytes(MAX_SOURCE)
        .withNameResolver(name -> {
            throw new IOException("Templates cannot include other files.");
        })
        .build();

    private Liquid() {
    }

    /**
     * The template compiled; it renders any number of times, from any thread.
     *
     * @throws TemplateSyntaxException where the source does not parse
     */
    static LiquidTemplate compile(String source) {
        String text = source == null ? "" : source;
        parse(text);
        return new LiquidTemplate(text);
    }

    /**
     * One parsed copy of the template, for one thread at a time.
     *
     * @throws TemplateSyntaxException where the source does not parse
     */
    static Template parse(String source) {
        try {
            return PARSER.parse(source);
        }
        catch (LiquidException invalid) {
            throw new TemplateSyntaxException(message(invalid.getMessage()), Math.max(1, invalid.line),
                    invalid.charPositionInLine + 1);
        }
        catch (RuntimeException invalid) {
            throw new TemplateSyntaxException(message(invalid.getMessage()), 1, 1);
        }
    }

    /**
     * Checks that the source parses and renders with no variables at all: liqp finds unknown filters and
     * includes only when it renders, and a template with either must be refused when saved, not when sent.
     */
    static void check(String source) {
        LiquidTemplate template = compile(source);
        try {
            template.render(Map.of());
        }
        catch (RuntimeException invalid) {
            String raw = String.valueOf(invalid.getMessage());
            Matcher position = POSITION.matcher(raw);
            int line = 1;
            int column = 1;
            if (position.find()) {
                line = Integer.parseInt(position.group(1));
                column = Integer.parseInt(position.group(2)) + 1;
            }
            throw new TemplateSyntaxException(message(raw), line, column);
        }
    }

    /** liqp's messages carry their own position ("... on line 1, index 3"), which the caller reports 1-based. */
    private static String message(String raw) {
        if (raw == null || raw.isBlank()) {
            return "the template does not parse.";
        }
        String text = raw.strip();
        Matcher quoted = QUOTED.matcher(text);
        if (quoted.find()) {
            text = quoted.group(1);
        }
        text = POSITION.matcher(text).replaceAll("").replace("error on :", "").replaceAll("\\s+", " ").strip();
        if (text.startsWith("|")) {
            text = text.substring(1);
        }
        text = text.replace("no filter available named: |", "no filter available named: ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
