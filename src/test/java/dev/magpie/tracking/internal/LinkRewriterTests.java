package dev.magpie.tracking.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which links go through a click redirect (web links, but not unsubscribe, preferences or tracking links), and how
 * a message is rewritten: the link targets change, the pixel ends the body, the rest stays.
 */
class LinkRewriterTests {

    static final String BASE = "https://magpie.example";

    static final String PIXEL = BASE + "/t/o/p.x";

    @Test
    void onlyTheTargetsOfTrackedLinksChangeAndThePixelEndsTheBody() {
        String html = "<!DOCTYPE html><html><head><style>p { color: red }</style></head><body>\n"
                + "<p class=lead>Hi &amp; welcome,   <a class=\"x\" href=\"https://shop.example/?q=1&amp;b=2\">one</a>"
                + " <A HREF='https://shop.example/two'>two</A> <a href=https://shop.example/3>three</a>"
                + " <a href=\"mailto:help@shop.example\">mail</a>"
                + " <a data-magpie-no-track href=\"https://shop.example/raw\">raw</a>"
                + " <a href=\"https://shop.example/raw2\" data-magpie-no-track=\"\">raw2</a></p>\n</body></html>";
        String rewritten = LinkRewriter.rewrite(html,
                href -> href.startsWith("https://") ? BASE + "/t/c/" + href.length() : null, PIXEL);
        assertThat(rewritten).isEqualTo("<!DOCTYPE html><html><head><style>p { color: red }</style></head><body>\n"
                + "<p class=lead>Hi &amp; welcome,   <a class=\"x\" href=\"" + BASE + "/t/c/29\">one</a>"
                + " <A HREF='" + BASE + "/t/c/24'>two</A> <a href=\"" + BASE + "/t/c/22\">three</a>"
                + " <a href=\"mailto:help@shop.example\">mail</a>"
                + " <a href=\"https://shop.example/raw\">raw</a>"
                + " <a href=\"https://shop.example/raw2\">raw2</a></p>\n"
                + "<img src=\"" + PIXEL + "\" width=\"1\" height=\"1\" alt=\"\" "
                + "style=\"display:block;width:1px;height:1px;border:0;\"></body></html>");
    }

    @Test
    void aFragmentWithoutABodyGetsThePixelAtItsEnd() {
        String rewritten = LinkRewriter.rewrite("<p><a href=\"https://shop.example\">x</a></p>",
                href -> BASE + "/t/c/1", PIXEL);
        assertThat(rewritten).isEqualTo("<p><a href=\"" + BASE + "/t/c/1\">x</a></p><img src=\"" + PIXEL
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0;\">");
    }

    @Test
    void webLinksAreTracked() {
        assertThat(LinkRewriter.tracked("https://shop.example/teas?a=1&b=2", BASE)).isTrue();
        assertThat(LinkRewriter.tracked("HTTP://shop.example", BASE)).isTrue();
    }

    @Test
    void linksThatMustStayAsTheyAreAreNot() {
        assertThat(LinkRewriter.tracked("mailto:help@shop.example", BASE)).isFalse();
        assertThat(LinkRewriter.tracked("tel:+15551234", BASE)).isFalse();
        assertThat(LinkRewriter.tracked("#top", BASE)).isFalse();
        assertThat(LinkRewriter.tracked("/relative", BASE)).isFalse();
        assertThat(LinkRewriter.tracked("javascript:alert(1)", BASE)).isFalse();
        assertThat(LinkRewriter.tracked(BASE + "/unsubscribe/abc.def", BASE)).isFalse();
        assertThat(LinkRewriter.tracked("https://shop.example/email/preferences?id=1", BASE)).isFalse();
        assertThat(LinkRewriter.tracked(BASE + "/t/c/abc.def", BASE)).isFalse();
        assertThat(LinkRewriter.tracked("https://shop.example/a b", BASE)).isFalse();
    }
}
