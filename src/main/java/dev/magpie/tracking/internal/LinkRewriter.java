package dev.magpie.tracking.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import dev.magpie.tracking.TrackedLinks;
import dev.magpie.tracking.internal.TrackingTokens.Claim;
import dev.magpie.tracking.internal.TrackingTokens.Kind;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * Rewrites a message's HTML with jsoup: each {@code http(s)} link becomes {@code <base>/t/c/<token>}, whose token
 * carries the target itself (so the redirect goes only where the message pointed, and no table has to be read per
 * click), and a 1×1 pixel {@code <base>/t/o/<token>} ends the body. The rest of the document is written back as
 * it was parsed, without pretty-printing.
 */
@Component
class LinkRewriter implements TrackedLinks {

    private final TrackingSecrets secrets;

    private final TrackingUrls urls;

    private final Clock clock;

    LinkRewriter(TrackingSecrets secrets, TrackingUrls urls, Clock clock) {
        this.secrets = secrets;
        this.urls = urls;
        this.clock = clock;
    }

    @Override
    public String apply(String accountId, String sourceId, String profileId, String messageId, String html) {
        if (html == null || html.isBlank()) {
            return html;
        }
        String secret = secrets.of(accountId);
        Instant now = clock.instant();
        String base = urls.base();
        Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false);
        for (Element link : document.select("a[href]")) {
            if (link.hasAttr(NO_TRACK)) {
                link.removeAttr(NO_TRACK);
                continue;
            }
            String href = link.attr("href").trim();
            if (tracked(href, base)) {
                link.attr("href", base + TrackingController.CLICK + TrackingTokens.sign(
                        new Claim(Kind.CLICK, accountId, sourceId, profileId, messageId, now, href), secret));
            }
        }
        String pixel = base + TrackingController.OPEN
                + TrackingTokens.sign(new Claim(Kind.OPEN, accountId, sourceId, profileId, messageId, now, null),
                        secret);
        document.body().appendElement("img")
            .attr("src", pixel)
            .attr("width", "1")
            .attr("height", "1")
            .attr("alt", "")
            .attr("style", "display:block;width:1px;height:1px;border:0;");
        return document.outerHtml();
    }

    /**
     * Whether the link is followed through a redirect: web links only, and not the ones that must keep working
     * exactly as they are (unsubscribe and preferences pages, and links already tracked).
     */
    static boolean tracked(String href, String base) {
        String lower = href.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://") || href.contains("\n")
                || href.contains("\r")) {
            return false;
        }
        if (lower.startsWith(base.toLowerCase(Locale.ROOT) + "/t/")) {
            return false;
        }
        String path;
        try {
            path = new URI(href).getPath();
        }
        catch (URISyntaxException malformed) {
            // A link no browser could follow either is left for the recipient to see as it is
            return false;
        }
        if (path == null) {
            return true;
        }
        String lowerPath = path.toLowerCase(Locale.ROOT);
        return !lowerPath.contains("/unsubscribe") && !lowerPath.contains("/preferences");
    }
}
