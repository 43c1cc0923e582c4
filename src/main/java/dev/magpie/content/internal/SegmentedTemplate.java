package dev.magpie.content.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * A Liquid template cut into what liqp must render and what it need not, because liqp walks its parse tree for
 * every character run of plain text, and a 30 KB email is almost all plain text: rendering it whole manages about a
 * thousand renders a second. Here the text between top-level tags is copied as it is, a top-level
 * {@code {{ a.b.c }}} or {@code {{ a.b | default: "x" }}} of a text or whole-number value is looked up directly,
 * and only blocks ({@code if}, {@code for}, …) and other outputs go through liqp, each compiled once on its own.
 * A template whose parts could affect each other ({@code assign}, {@code capture}, counters, whitespace control,
 * any other tag at the top level) is not cut: {@link #of} answers {@code null} and the caller renders it whole.
 * The output is the same as liqp's for the whole template (TemplateRenderingTests checks this).
 */
final class SegmentedTemplate {

    private static final Pattern TAG = Pattern.compile("\\{\\{.*?\\}\\}|\\{%.*?%\\}", Pattern.DOTALL);

    private static final Pattern TAG_NAME = Pattern.compile("\\{%\\s*(\\w+)");

    private static final Pattern SIMPLE_OUTPUT = Pattern.compile(
            "\\{\\{\\s*([A-Za-z_][\\w-]*(?:\\.[A-Za-z_][\\w-]*)*)\\s*"
                    + "(?:\\|\\s*default\\s*:\\s*(?:\"([^\"]*)\"|'([^']*)'))?\\s*\\}\\}");

    private static final Set<String> OPENERS = Set.of("if", "unless", "case", "for", "tablerow", "comment", "raw");

    /** Tags that change state other parts would see, or strip whitespace across parts: not cut. */
    private static final Pattern STATEFUL = Pattern.compile(
            "\\{%-|-%\\}|\\{\\{-|-\\}\\}|\\{%\\s*(assign|capture|increment|decrement|cycle|liquid|include|render)\\b");

    private static final Pattern CONDITION = Pattern.compile(
            "\\{%\\s*(if|unless)\\s+([A-Za-z_][\\w-]*(?:\\.[A-Za-z_][\\w-]*)*)\\s*%\\}(.*)\\{%\\s*end(?:if|unless)\\s*%\\}",
            Pattern.DOTALL);

    /** Liquid's properties of collections and strings, which a plain map lookup would not find. */
    private static final Set<String> SPECIAL_NAMES = Set.of("size", "first", "last");

    private final List<Part> parts;

    private final int sizeHint;

    private SegmentedTemplate(List<Part> parts, int sizeHint) {
        this.parts = parts;
        this.sizeHint = sizeHint;
    }

    /** The template cut into parts, or {@code null} when it must be rendered whole. */
    static SegmentedTemplate of(String source) {
        if (STATEFUL.matcher(source).find()) {
            return null;
        }
        List<Part> parts = new ArrayList<>();
        Matcher tag = TAG.matcher(source);
        int textStart = 0;
        int blockStart = -1;
        int depth = 0;
        String verbatim = null;
        while (tag.find()) {
            String token = tag.group();
            Matcher named = TAG_NAME.matcher(token);
            String name = token.startsWith("{%") && named.lookingAt() ? named.group(1) : null;
            if (verbatim != null) {
                // Inside raw or comment nothing is a tag but its own end
                if (("end" + verbatim).equals(name)) {
                    verbatim = null;
                    depth--;
                    if (depth == 0) {
                        parts.add(block(source.substring(blockStart, tag.end())));
                        textStart = tag.end();
                    }
                }
                continue;
            }
            if (name != null && OPENERS.contains(name)) {
                if (depth == 0) {
                    addText(parts, source.substring(textStart, tag.start()));
                    blockStart = tag.start();
                }
                depth++;
                if (name.equals("raw") || name.equals("comment")) {
                    verbatim = name;
                }
                continue;
            }
            if (name != null && name.startsWith("end")) {
                depth--;
                if (depth == 0) {
                    parts.add(block(source.substring(blockStart, tag.end())));
                    textStart = tag.end();
                }
                continue;
            }
            if (depth > 0) {
                continue;
            }
            if (name != null) {
                // else, when, break… outside a block, or a tag this class does not know: render whole
                return null;
            }
            addText(parts, source.substring(textStart, tag.start()));
            parts.add(output(token));
            textStart = tag.end();
        }
        if (depth != 0) {
            return null;
        }
        addText(parts, source.substring(textStart));
        return new SegmentedTemplate(List.copyOf(parts), source.length() + 1024);
    }

    String render(Map<String, Object> variables) {
        StringBuilder out = new StringBuilder(sizeHint);
        for (Part part : parts) {
            part.render(variables, out);
        }
        return out.toString();
    }

    /**
     * A top-level block: {@code {% if a.b %}…{% else %}…{% endif %}} (or {@code unless}) on a plain variable, with
     * no {@code elsif}, becomes a branch whose sides are cut in turn; any other block is rendered by liqp.
     */
    private static Part block(String source) {
        LiquidTemplate whole = Liquid.compile(source);
        Matcher condition = CONDITION.matcher(source);
        if (!condition.matches()) {
            return new Liqp(whole);
        }
        String[] path = condition.group(2).split("\\.");
        for (String name : path) {
            if (SPECIAL_NAMES.contains(name)) {
                return new Liqp(whole);
            }
        }
        String inner = condition.group(3);
        int split = topLevelElse(inner);
        if (split == -2) {
            return new Liqp(whole);
        }
        String then = split < 0 ? inner : inner.substring(0, split);
        String otherwise = split < 0 ? "" : inner.substring(inner.indexOf("%}", split) + 2);
        SegmentedTemplate thenPart = of(then);
        SegmentedTemplate elsePart = of(otherwise);
        if (thenPart == null || elsePart == null) {
            return new Liqp(whole);
        }
        boolean unless = condition.group(1).equals("unless");
        return new Branch(path, unless ? elsePart : thenPart, unless ? thenPart : elsePart, whole);
    }

    /** Where the block's own {@code {% else %}} starts: -1 for none, -2 when it has an elsif or when. */
    private static int topLevelElse(String inner) {
        Matcher tag = TAG.matcher(inner);
        int depth = 0;
        int found = -1;
        while (tag.find()) {
            Matcher named = TAG_NAME.matcher(tag.group());
            if (!tag.group().startsWith("{%") || !named.lookingAt()) {
                continue;
            }
            String name = named.group(1);
            if (OPENERS.contains(name)) {
                depth++;
            }
            else if (name.startsWith("end")) {
                depth--;
            }
            else if (depth == 0 && (name.equals("elsif") || name.equals("when") || found >= 0)) {
                return -2;
            }
            else if (depth == 0 && name.equals("else")) {
                found = tag.start();
            }
        }
        return found;
    }

    private static void addText(List<Part> parts, String text) {
        if (!text.isEmpty()) {
            parts.add(new Text(text));
        }
    }

    private static Part output(String token) {
        LiquidTemplate whole = Liquid.compile(token);
        Matcher simple = SIMPLE_OUTPUT.matcher(token);
        if (!simple.matches()) {
            return new Liqp(whole);
        }
        String[] path = simple.group(1).split("\\.");
        for (String name : path) {
            if (SPECIAL_NAMES.contains(name)) {
                return new Liqp(whole);
            }
        }
        String fallback = simple.group(2) != null ? simple.group(2) : simple.group(3);
        return new Lookup(path, fallback, whole);
    }

    /** One piece of the template. */
    private sealed interface Part permits Text, Lookup, Branch, Liqp {

        void render(Map<String, Object> variables, StringBuilder out);
    }

    /** Plain text, copied. */
    private record Text(String text) implements Part {

        @Override
        public void render(Map<String, Object> variables, StringBuilder out) {
            out.append(text);
        }
    }

    /** A variable (with an optional {@code default}); a value other than text or a whole number goes to liqp. */
    private record Lookup(String[] path, String fallback, LiquidTemplate whole) implements Part {

        @Override
        public void render(Map<String, Object> variables, StringBuilder out) {
            Object value = variables;
            for (String name : path) {
                if (!(value instanceof Map<?, ?> map)) {
                    value = null;
                    break;
                }
                value = map.get(name);
            }
            if (value == null || (value instanceof String text && text.isEmpty())) {
                if (fallback != null) {
                    out.append(fallback);
                }
                return;
            }
            if (value instanceof String || value instanceof Integer || value instanceof Long) {
                out.append(value);
                return;
            }
            out.append(whole.render(variables));
        }
    }

    /**
     * An {@code if} on a variable: nil and false are false, text and numbers true; anything else (an empty text,
     * a list, a map) is left to liqp, whose notion of truth decides.
     */
    private record Branch(String[] path, SegmentedTemplate then, SegmentedTemplate otherwise, LiquidTemplate whole)
            implements Part {

        @Override
        public void render(Map<String, Object> variables, StringBuilder out) {
            Object value = variables;
            for (String name : path) {
                if (!(value instanceof Map<?, ?> map)) {
                    value = null;
                    break;
                }
                value = map.get(name);
            }
            Boolean truth = null;
            if (value == null) {
                truth = false;
            }
            else if (value instanceof Boolean flag) {
                truth = flag;
            }
            else if ((value instanceof String text && !text.isEmpty()) || value instanceof Number) {
                truth = true;
            }
            if (truth == null) {
                out.append(whole.render(variables));
                return;
            }
            for (Part part : (truth ? then : otherwise).parts) {
                part.render(variables, out);
            }
        }
    }

    /** A block or an output liqp renders. */
    private record Liqp(LiquidTemplate template) implements Part {

        @Override
        public void render(Map<String, Object> variables, StringBuilder out) {
            out.append(template.render(variables));
        }
    }
}
