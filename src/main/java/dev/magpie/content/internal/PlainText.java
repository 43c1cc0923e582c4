package dev.magpie.content.internal;

import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The plain-text part of an HTML email, for clients that show no HTML and for spam filters that expect both:
 * paragraphs, headings, table rows and list items on lines of their own, line breaks kept, a link as
 * "text (url)", images by their alt text, and nothing of the head, styles or scripts.
 */
final class PlainText {

    private PlainText() {
    }

    static String of(Document document) {
        StringBuilder text = new StringBuilder();
        append(document.body(), text);
        return tidy(text.toString());
    }

    private static void append(Node node, StringBuilder text) {
        if (node instanceof TextNode textNode) {
            String words = textNode.text().replaceAll("\\s+", " ");
            if (text.isEmpty() || text.charAt(text.length() - 1) == '\n') {
                words = words.stripLeading();
            }
            text.append(words);
            return;
        }
        if (node instanceof Comment comment) {
            // Placeholders of Liquid tags stay, for EmailHtml to put the tags back
            if (comment.getData().startsWith("mgpliq")) {
                text.append("<!--").append(comment.getData()).append("-->");
            }
            return;
        }
        if (!(node instanceof Element element)) {
            return;
        }
        String tag = element.normalName();
        switch (tag) {
            case "head", "style", "script", "title", "template" -> {
                return;
            }
            case "br" -> {
                text.append('\n');
                return;
            }
            case "hr" -> {
                newLine(text, 2);
                text.append("----------\n");
                return;
            }
            case "img" -> {
                String alt = element.attr("alt").strip();
                if (!alt.isEmpty()) {
                    text.append(alt);
                }
                return;
            }
            case "a" -> {
                int start = text.length();
                element.childNodes().forEach(child -> append(child, text));
                String label = text.substring(start).strip();
                String href = element.attr("href").strip();
                if (!href.isEmpty() && !href.startsWith("#") && !href.equals(label)) {
                    text.append(label.isEmpty() ? href : " (" + href + ")");
                }
                return;
            }
            default -> {
            }
        }
        boolean paragraph = tag.matches("p|h[1-6]|table|ul|ol|blockquote");
        boolean block = paragraph || tag.matches("div|tr|li|section|article|header|footer|center|td|th");
        if (block) {
            newLine(text, paragraph ? 2 : 1);
        }
        if (tag.equals("li")) {
            text.append("- ");
        }
        element.childNodes().forEach(child -> append(child, text));
        if (block) {
            newLine(text, paragraph ? 2 : 1);
        }
    }

    /** Ends the text with at least {@code count} line breaks (none at the very start). */
    private static void newLine(StringBuilder text, int count) {
        if (text.isEmpty()) {
            return;
        }
        int trailing = 0;
        while (trailing < text.length() && text.charAt(text.length() - 1 - trailing) == '\n') {
            trailing++;
        }
        for (int i = trailing; i < count; i++) {
            text.append('\n');
        }
    }

    private static String tidy(String text) {
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            lines.append(line.strip()).append('\n');
        }
        return lines.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
