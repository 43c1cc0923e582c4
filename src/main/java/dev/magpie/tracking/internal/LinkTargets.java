package dev.magpie.tracking.internal;

import java.util.function.Function;

import org.jsoup.parser.Parser;

/**
 * Replaces the targets of a message's links in one pass over its HTML, leaving every other character as it is.
 *
 * <p>Parsing each recipient's 30 KB of HTML with jsoup and writing it back took a sixth of the CPU of sending a
 * message, to change a few attribute values. The HTML a template renders has been written by jsoup already, when
 * the template was compiled (its CSS inlined): its start tags are well formed, so reading them needs only the
 * tokenizer rules of HTML for a start tag's attributes (double-quoted, single-quoted or unquoted values), plus
 * skipping comments and the text of {@code <style>}, {@code <script>}, {@code <title>} and their kind, where a
 * {@code <a} is not a tag. Values are unescaped with jsoup. {@code LinkTargetsTests} holds this to jsoup's own
 * reading of the starter templates and of markup written to trip it up.
 */
final class LinkTargets {

    /** Elements whose content is text, not markup, to HTML. */
    private static final String[] TEXT_ELEMENTS = { "style", "script", "title", "textarea", "xmp", "iframe",
        "noembed", "noframes" };

    private LinkTargets() {
    }

    /**
     * The HTML with the {@code href} of each {@code <a>} replaced by what {@code redirect} makes of its unescaped,
     * trimmed value ({@code null}: left as it is); a link carrying {@code keepAttribute} keeps its target and loses
     * that attribute. Replacements are written as they are given, so they must need no escaping inside a quoted
     * attribute value.
     */
    static String replace(String html, Function<String, String> redirect, String keepAttribute) {
        StringBuilder out = null;
        int copied = 0;
        int at = 0;
        int length = html.length();
        while ((at = html.indexOf('<', at)) >= 0 && at + 1 < length) {
            if (html.startsWith("<!--", at)) {
                int end = html.indexOf("-->", at + 4);
                at = end < 0 ? length : end + 3;
                continue;
            }
            String rawText = rawTextElement(html, at);
            if (rawText != null) {
                int end = indexOfIgnoreCase(html, "</" + rawText, at + rawText.length() + 1);
                at = end < 0 ? length : end;
                continue;
            }
            if (!isLinkStart(html, at)) {
                at++;
                continue;
            }
            Tag tag = Tag.read(html, at + 2, keepAttribute);
            at = tag.end();
            int from;
            int to;
            String replacement;
            if (tag.keepStart() >= 0) {
                // Kept as it is; only the marker goes
                from = tag.keepStart();
                to = tag.keepEnd();
                replacement = "";
            }
            else if (tag.hrefStart() >= 0) {
                String target = redirect.apply(
                        Parser.unescapeEntities(html.substring(tag.hrefStart(), tag.hrefEnd()), true).trim());
                if (target == null) {
                    continue;
                }
                from = tag.hrefStart();
                to = tag.hrefEnd();
                // An unquoted value gets quotes, so that nothing in the new target can end it early
                replacement = tag.hrefQuoted() ? target : '"' + target + '"';
            }
            else {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(length + 4096);
            }
            out.append(html, copied, from).append(replacement);
            copied = to;
        }
        return out == null ? html : out.append(html, copied, length).toString();
    }

    /** {@code <a} followed by a blank, {@code /} or {@code >}, in either case. */
    private static boolean isLinkStart(String html, int at) {
        char name = html.charAt(at + 1);
        if (name != 'a' && name != 'A') {
            return false;
        }
        if (at + 2 >= html.length()) {
            return false;
        }
        char next = html.charAt(at + 2);
        return Character.isWhitespace(next) || next == '>' || next == '/';
    }

    /** The name of the text-only element starting at {@code at}, or {@code null}. */
    private static String rawTextElement(String html, int at) {
        for (String name : TEXT_ELEMENTS) {
            int after = at + 1 + name.length();
            if (after < html.length() && html.regionMatches(true, at + 1, name, 0, name.length())) {
                char next = html.charAt(after);
                if (Character.isWhitespace(next) || next == '>' || next == '/') {
                    return name;
                }
            }
        }
        return null;
    }

    private static int indexOfIgnoreCase(String html, String what, int from) {
        for (int at = html.indexOf('<', from); at >= 0; at = html.indexOf('<', at + 1)) {
            if (html.regionMatches(true, at, what, 0, what.length())) {
                return at;
            }
        }
        return -1;
    }

    /**
     * What one {@code <a>} start tag holds: where its first {@code href} value stands, inside its quotes if it has
     * them ({@code -1} when it has none), where its {@code keepAttribute} stands with the blanks before it
     * ({@code -1} when it has none), and where the tag ends.
     */
    private record Tag(int hrefStart, int hrefEnd, boolean hrefQuoted, int keepStart, int keepEnd, int end) {

        /** Reads the attributes from {@code from} (just past {@code <a}) up to the closing {@code >}. */
        static Tag read(String html, int from, String keepAttribute) {
            int length = html.length();
            int hrefStart = -1;
            int hrefEnd = -1;
            boolean hrefQuoted = false;
            int keepStart = -1;
            int keepEnd = -1;
            int at = from;
            while (at < length) {
                int blanksStart = at;
                while (at < length && (Character.isWhitespace(html.charAt(at)) || html.charAt(at) == '/')) {
                    at++;
                }
                if (at >= length || html.charAt(at) == '>') {
                    break;
                }
                int nameStart = at;
                while (at < length && !Character.isWhitespace(html.charAt(at)) && "/>=".indexOf(html.charAt(at)) < 0) {
                    at++;
                }
                String name = html.substring(nameStart, at);
                int valueStart = -1;
                int valueEnd = -1;
                boolean quoted = false;
                int afterName = at;
                while (at < length && Character.isWhitespace(html.charAt(at))) {
                    at++;
                }
                if (at < length && html.charAt(at) == '=') {
                    at++;
                    while (at < length && Character.isWhitespace(html.charAt(at))) {
                        at++;
                    }
                    char quote = at < length ? html.charAt(at) : '>';
                    if (quote == '"' || quote == '\'') {
                        int closing = html.indexOf(quote, at + 1);
                        valueStart = at + 1;
                        valueEnd = closing < 0 ? length : closing;
                        at = closing < 0 ? length : closing + 1;
                        quoted = true;
                    }
                    else {
                        valueStart = at;
                        while (at < length && !Character.isWhitespace(html.charAt(at)) && html.charAt(at) != '>') {
                            at++;
                        }
                        valueEnd = at;
                    }
                }
                else {
                    // A name alone: what follows the blanks is the next attribute
                    at = afterName;
                }
                if (name.equalsIgnoreCase("href") && hrefStart < 0 && valueStart >= 0) {
                    hrefStart = valueStart;
                    hrefEnd = valueEnd;
                    hrefQuoted = quoted;
                }
                else if (name.equalsIgnoreCase(keepAttribute) && keepStart < 0) {
                    keepStart = blanksStart;
                    keepEnd = at;
                }
            }
            return new Tag(hrefStart, hrefEnd, hrefQuoted, keepStart, keepEnd, Math.min(at + 1, length));
        }
    }
}
