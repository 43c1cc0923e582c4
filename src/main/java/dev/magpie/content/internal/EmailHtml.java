package dev.magpie.content.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

/**
 * Prepares a template's HTML for email clients once, when it is compiled, rather than at every send: its CSS is
 * inlined and its plain-text part derived while the Liquid tags are still tags. The tags are hidden from the HTML
 * parser first (as comments between elements, where a {@code {% for %}} between table rows must stay, and as
 * plain tokens inside a tag's markup), then put back, so the result is again a Liquid template.
 */
final class EmailHtml {

    private static final Pattern TAG = Pattern.compile("\\{\\{.*?\\}\\}|\\{%.*?%\\}", Pattern.DOTALL);

    private static final Pattern PLACEHOLDER = Pattern.compile("<!--mgpliq(\\d+)x-->|mgpliq(\\d+)x");

    private EmailHtml() {
    }

    /** The HTML and text sources a template compiles to; {@code text} is derived unless the template has one. */
    record Prepared(String html, String text) {
    }

    static Prepared prepare(String html, String text) {
        List<String> tags = new ArrayList<>();
        Document document = Jsoup.parse(protect(html, tags), Parser.htmlParser().setTrackPosition(true));
        // The parser wraps rows in a <tbody> the source did not have, which would cut a loop over rows in two
        for (Element body : document.select("tbody")) {
            if (body.sourceRange().isImplicit()) {
                body.unwrap();
            }
        }
        document.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset("UTF-8");
        CssInliner.inline(document);
        String inlined = restore(document.outerHtml(), tags);
        String plain = text != null && !text.isBlank() ? text : restore(PlainText.of(document), tags);
        return new Prepared(inlined, plain);
    }

    /** Replaces each Liquid tag by a placeholder the HTML parser leaves where it is. */
    private static String protect(String html, List<String> tags) {
        Matcher tag = TAG.matcher(html);
        StringBuilder protectedHtml = new StringBuilder(html.length());
        int last = 0;
        while (tag.find()) {
            protectedHtml.append(html, last, tag.start());
            int index = tags.size();
            tags.add(tag.group());
            boolean insideMarkup = html.lastIndexOf('<', tag.start()) > html.lastIndexOf('>', tag.start());
            protectedHtml.append(insideMarkup ? "mgpliq" + index + "x" : "<!--mgpliq" + index + "x-->");
            last = tag.end();
        }
        return protectedHtml.append(html, last, html.length()).toString();
    }

    static String restore(String source, List<String> tags) {
        Matcher placeholder = PLACEHOLDER.matcher(source);
        StringBuilder restored = new StringBuilder(source.length());
        while (placeholder.find()) {
            String index = placeholder.group(1) != null ? placeholder.group(1) : placeholder.group(2);
            placeholder.appendReplacement(restored, Matcher.quoteReplacement(tags.get(Integer.parseInt(index))));
        }
        placeholder.appendTail(restored);
        return restored.toString();
    }
}
