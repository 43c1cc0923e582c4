package dev.magpie.content.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.helger.css.decl.CSSDeclaration;
import com.helger.css.decl.CSSSelector;
import com.helger.css.decl.CSSStyleRule;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.decl.ICSSTopLevelRule;
import com.helger.css.reader.CSSReader;
import com.helger.css.writer.CSSWriter;
import com.helger.css.writer.CSSWriterSettings;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;

/**
 * Moves the rules of a document's {@code <style>} blocks into the {@code style} attributes of the elements they
 * match, because many email clients (Gmail's apps, Outlook) ignore or strip style sheets. Rules apply in the
 * cascade's order: by selector specificity, then source order, {@code !important} last, and a style the element
 * already has wins over the sheet. What cannot be inlined stays in one {@code <style>} block in the head: media
 * queries (the responsive part of a template), {@code @font-face}, and selectors with pseudo-classes such as
 * {@code :hover}.
 */
final class CssInliner {

    private static final CSSWriterSettings COMPACT = new CSSWriterSettings(true);

    private CssInliner() {
    }

    static void inline(Document document) {
        List<Element> blocks = document.select("style");
        if (blocks.isEmpty()) {
            return;
        }
        StringBuilder css = new StringBuilder();
        for (Element block : blocks) {
            css.append(block.data()).append('\n');
            block.remove();
        }
        CascadingStyleSheet sheet = CSSReader.readFromString(css.toString());
        if (sheet == null) {
            // A sheet that does not parse is left to the client as it was
            document.head().appendElement("style").appendChild(new org.jsoup.nodes.DataNode(css.toString()));
            return;
        }
        Map<Element, List<Applied>> matched = new IdentityHashMap<>();
        CascadingStyleSheet kept = new CascadingStyleSheet();
        int order = 0;
        for (ICSSTopLevelRule rule : sheet.getAllRules()) {
            if (!(rule instanceof CSSStyleRule style)) {
                kept.addRule(rule);
                continue;
            }
            CSSStyleRule leftover = new CSSStyleRule();
            for (CSSSelector selector : style.getAllSelectors()) {
                String text = selector.getAsCSSString(COMPACT, 0);
                List<Element> elements = text.contains(":") ? null : select(document, text);
                if (elements == null) {
                    leftover.addSelector(selector);
                    continue;
                }
                int specificity = specificity(text);
                for (CSSDeclaration declaration : style.getAllDeclarations()) {
                    Applied applied = new Applied(declaration.getProperty(), declaration.getExpressionAsCSSString(),
                            declaration.isImportant(), specificity, order++);
                    for (Element element : elements) {
                        matched.computeIfAbsent(element, key -> new ArrayList<>()).add(applied);
                    }
                }
            }
            if (leftover.getSelectorCount() > 0) {
                style.getAllDeclarations().forEach(leftover::addDeclaration);
                kept.addRule(leftover);
            }
        }
        matched.forEach(CssInliner::apply);
        if (kept.hasRules()) {
            String rest = new CSSWriter(COMPACT).setWriteHeaderText(false).getCSSAsString(kept);
            document.head().appendElement("style").appendChild(new org.jsoup.nodes.DataNode(rest));
        }
    }

    private static void apply(Element element, List<Applied> rules) {
        rules.sort(Comparator.comparing(Applied::important).thenComparingInt(Applied::specificity)
            .thenComparingInt(Applied::order));
        Map<String, String> style = new LinkedHashMap<>();
        for (Applied rule : rules) {
            style.put(rule.property(), rule.value() + (rule.important() ? " !important" : ""));
        }
        // The element's own style attribute outranks the sheet (but not the sheet's !important)
        for (String own : element.attr("style").split(";")) {
            int colon = own.indexOf(':');
            if (colon > 0) {
                String property = own.substring(0, colon).strip().toLowerCase();
                String current = style.get(property);
                if (current == null || !current.endsWith("!important")) {
                    style.put(property, own.substring(colon + 1).strip());
                }
            }
        }
        StringBuilder inline = new StringBuilder();
        style.forEach((property, value) -> inline.append(inline.isEmpty() ? "" : " ").append(property).append(": ")
            .append(value).append(';'));
        element.attr("style", inline.toString());
    }

    /** The elements a selector matches; {@code null} for one jsoup cannot evaluate, which then stays a rule. */
    private static List<Element> select(Document document, String selector) {
        try {
            return document.body().select(selector).stream()
                .filter(element -> !element.tagName().equals("style"))
                .toList();
        }
        catch (Selector.SelectorParseException unsupported) {
            return null;
        }
    }

    /**
     * A selector's specificity as one number (ids × 10 000 + classes and attributes × 100 + elements): enough for
     * the selectors templates use, which never have a hundred parts of one kind.
     */
    static int specificity(String selector) {
        int ids = 0;
        int classes = 0;
        int elements = 0;
        String[] parts = selector.split("[\\s>+~]+");
        for (String part : parts) {
            if (part.isEmpty() || part.equals("*")) {
                continue;
            }
            int i = 0;
            if (Character.isLetter(part.charAt(0))) {
                elements++;
            }
            for (; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '#') {
                    ids++;
                }
                else if (c == '.' || c == '[') {
                    classes++;
                }
            }
        }
        return ids * 10_000 + classes * 100 + elements;
    }

    /** One declaration of a rule, as it applies to an element. */
    private record Applied(String property, String value, boolean important, int specificity, int order) {
    }
}
