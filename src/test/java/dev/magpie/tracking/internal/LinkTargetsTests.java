package dev.magpie.tracking.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.magpie.tracking.TrackedLinks;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LinkTargets} reads links as jsoup does: the same links, in the same order, with the same targets, on the
 * starter templates and on markup written to trip a reader up; and a document rewritten by it parses, in jsoup, to
 * the original with only those targets changed.
 */
class LinkTargetsTests {

    static final String TRICKY = """
            <!DOCTYPE html><html><head><title>a <a href="https://no.example/title">?</title>
            <style>p::after { content: "<a href='https://no.example/css'>" }</style>
            <script>var s = '<a href="https://no.example/script">';</script></head><BODY>
            <!-- <a href="https://no.example/comment"> -->
            <a href="https://one.example/?a=1&amp;b=2" title="x > y">one</a>
            <A HREF='https://two.example/'>two</A>
            <a href=https://three.example/x?y=1>three</a>
            <a class = "c"   href = " https://four.example/ " >four</a>
            <a name="anchor">no target</a><abbr href="https://no.example/abbr">abbr</abbr>
            <a href="mailto:help@shop.example">mail</a><a href="#top">top</a>
            <a data-magpie-no-track href="https://kept.example/">kept</a>
            <a href="https://kept2.example/" data-magpie-no-track="">kept too</a>
            <a href="https://first.example/" href="https://second.example/">first wins</a>
            <a
            href="https://five.example/&quot;quoted&quot;">five</a>
            </BODY></html>
            """;

    @Test
    void findsTheLinksJsoupFindsInTheStarterTemplates() throws IOException {
        for (String starter : List.of("welcome", "newsletter", "product-promotion", "abandoned-cart")) {
            String html = starter(starter);
            assertThat(targetsRead(html)).as(starter).isEqualTo(jsoupTargets(html)).isNotEmpty();
        }
    }

    @Test
    void findsTheLinksJsoupFindsInTrickyMarkup() {
        assertThat(targetsRead(TRICKY)).isEqualTo(jsoupTargets(TRICKY)).containsExactly(
                "https://one.example/?a=1&b=2", "https://two.example/", "https://three.example/x?y=1",
                "https://four.example/", "mailto:help@shop.example", "#top", "https://first.example/",
                "https://five.example/\"quoted\"");
    }

    @Test
    void aRewrittenDocumentIsTheOriginalWithOnlyItsTargetsChanged() throws IOException {
        Random random = new Random(7);
        for (String html : List.of(TRICKY, starter("newsletter"), starter("abandoned-cart"))) {
            List<String> given = new ArrayList<>();
            String rewritten = LinkTargets.replace(html, target -> {
                String replacement = random.nextBoolean() ? null : "https://magpie.example/t/c/" + given.size();
                given.add(replacement == null ? target : replacement);
                return replacement;
            }, TrackedLinks.NO_TRACK);

            Document expected = Jsoup.parse(html);
            List<Element> links = trackable(expected);
            for (int i = 0; i < links.size(); i++) {
                links.get(i).attr("href", given.get(i));
            }
            expected.select("[" + TrackedLinks.NO_TRACK + "]").removeAttr(TrackedLinks.NO_TRACK);
            assertThat(Jsoup.parse(rewritten).outerHtml()).isEqualTo(expected.outerHtml());
        }
    }

    private static List<String> targetsRead(String html) {
        List<String> targets = new ArrayList<>();
        LinkTargets.replace(html, target -> {
            targets.add(target);
            return null;
        }, TrackedLinks.NO_TRACK);
        return targets;
    }

    private static List<String> jsoupTargets(String html) {
        return trackable(Jsoup.parse(html)).stream().map(link -> link.attr("href").trim()).toList();
    }

    private static List<Element> trackable(Document document) {
        return document.select("a[href]").stream().filter(link -> !link.hasAttr(TrackedLinks.NO_TRACK)).toList();
    }

    private static String starter(String name) throws IOException {
        try (InputStream in = LinkTargetsTests.class.getResourceAsStream("/content/starters/" + name + ".html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
