package dev.magpie.content.internal;

import java.util.Map;

import liqp.Template;

/**
 * A Liquid template that any number of threads may render at once. liqp's {@link Template} is not safe for that:
 * a render keeps its context (the variables) in a field of the template, so two send workers rendering one
 * campaign's template could swap their recipients' data. Each thread renders its own copy here, parsed from the
 * source the first time that thread needs it: a handful of parses per template, against thousands of renders.
 */
final class LiquidTemplate {

    private final ThreadLocal<Template> perThread;

    /** A template whose {@code source} is known to parse ({@link Liquid#compile} checked it). */
    LiquidTemplate(String source) {
        this.perThread = ThreadLocal.withInitial(() -> Liquid.parse(source));
    }

    String render(Map<String, Object> variables) {
        return perThread.get().render(variables);
    }
}
