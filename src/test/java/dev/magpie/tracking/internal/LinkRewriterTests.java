package dev.magpie.tracking.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which links go through a click redirect: web links, but not unsubscribe, preferences or tracking links. */
class LinkRewriterTests {

    static final String BASE = "https://magpie.example";

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
