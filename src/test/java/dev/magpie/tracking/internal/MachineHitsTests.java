package dev.magpie.tracking.internal;

import java.time.Duration;
import java.time.Instant;

import dev.magpie.tracking.internal.MachineHits.Flags;
import dev.magpie.tracking.internal.TrackingTokens.Claim;
import dev.magpie.tracking.internal.TrackingTokens.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which hits are machines': scanners and crawlers by user agent or HEAD, image proxies, too-early and burst clicks. */
class MachineHitsTests {

    static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    final MachineHits machines = new MachineHits(new TrackingProperties(null, Duration.ofSeconds(2), 3));

    final Instant sent = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void readersAreNotFlagged() {
        assertThat(machines.classify(open(), SAFARI, "GET", sent.plusSeconds(60))).isEqualTo(new Flags(false, false));
        assertThat(machines.classify(click("a"), SAFARI, "GET", sent.plusSeconds(60)))
            .isEqualTo(new Flags(false, false));
    }

    @Test
    void crawlersScannersScriptsAndHeadRequestsAreBots() {
        for (String agent : new String[] { "Googlebot/2.1 (+http://www.google.com/bot.html)", "Baiduspider",
                "Mozilla/5.0 (compatible; Barracuda Sentinel)", "python-requests/2.31", "curl/8.4.0", "",
                "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/124.0 Safari/537.36" }) {
            assertThat(machines.classify(open(), agent, "GET", sent.plusSeconds(60)).bot()).as(agent).isTrue();
        }
        assertThat(machines.classify(open(), null, "GET", sent.plusSeconds(60)).bot()).isTrue();
        assertThat(machines.classify(click("a"), SAFARI, "HEAD", sent.plusSeconds(60)).bot()).isTrue();
    }

    @Test
    void imageProxiesPrefetchOpens() {
        assertThat(machines.classify(open(), "Mozilla/5.0", "GET", sent.plusSeconds(5)))
            .isEqualTo(new Flags(false, true));
        assertThat(machines.classify(open(), "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 "
                + "(via ggpht.com GoogleImageProxy)", "GET", sent.plusSeconds(5)).prefetch()).isTrue();
        assertThat(machines.classify(open(), "YahooMailProxy; https://help.yahoo.com", "GET", sent).prefetch())
            .isTrue();
    }

    @Test
    void aClickRightAfterSendingOrInABurstIsPrefetched() {
        assertThat(machines.classify(click("a"), SAFARI, "GET", sent.plusMillis(1500)).prefetch()).isTrue();
        Instant later = sent.plusSeconds(600);
        for (int i = 0; i < 3; i++) {
            assertThat(machines.classify(click("link" + i), SAFARI, "GET", later.plusMillis(100 * i)).prefetch())
                .as("click " + i).isFalse();
        }
        assertThat(machines.classify(click("link3"), SAFARI, "GET", later.plusMillis(300)).prefetch()).isTrue();
        // Another recipient's clicks are their own
        Claim other = new Claim(Kind.CLICK, "acc", "cmp", "another", "<m>", sent, "https://x.example/");
        assertThat(machines.classify(other, SAFARI, "GET", later.plusMillis(400)).prefetch()).isFalse();
    }

    private Claim open() {
        return new Claim(Kind.OPEN, "acc", "cmp", "prof", "<m>", sent, null);
    }

    private Claim click(String link) {
        return new Claim(Kind.CLICK, "acc", "cmp", "prof", "<m>", sent, "https://shop.example/" + link);
    }
}
