package dev.magpie.tracking.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

import dev.magpie.tracking.TrackedLinks;
import dev.magpie.tracking.internal.TrackingTokens.Claim;
import dev.magpie.tracking.internal.TrackingTokens.Kind;
import org.springframework.stereotype.Component;

/**
 * Rewrites a message's HTML: each {@code http(s)} link becomes {@code <base>/t/c/<token>}, whose token carries the
 * target itself (so the redirect goes only where the message pointed, and no table has to be read per click), and
 * a 1×1 pixel {@code <base>/t/o/<token>} ends the body. Only the link targets change ({@link LinkTargets}); every
 * other character goes out as the template rendered it.
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
        String pixel = base + TrackingController.OPEN
                + TrackingTokens.sign(new Claim(Kind.OPEN, accountId, sourceId, profileId, messageId, now, null),
                        secret);
        return rewrite(html, href -> tracked(href, base) ? base + TrackingController.CLICK
                + TrackingTokens.sign(new Claim(Kind.CLICK, accountId, sourceId, profileId, messageId, now, href),
                        secret)
                : null, pixel);
    }

    /**
     * The HTML with each link's {@code href} replaced by what {@code redirect} makes of its value, when it makes
     * anything ({@code null} leaves the link alone), {@link #NO_TRACK} attributes taken out, and the pixel image
     * ending the body (or the whole, when it has no {@code </body>}).
     */
    static String rewrite(String html, Function<String, String> redirect, String pixelUrl) {
        String linked = LinkTargets.replace(html, redirect, NO_TRACK);
        String image = "<img src=\"" + pixelUrl + "\" width=\"1\" height=\"1\" alt=\"\" "
                + "style=\"display:block;width:1px;height:1px;border:0;\">";
        int bodyEnd = lastBodyEnd(linked);
        return bodyEnd < 0 ? linked + image
                : new StringBuilder(linked.length() + image.length()).append(linked, 0, bodyEnd).append(image)
                    .append(linked, bodyEnd, linked.length()).toString();
    }

    private static int lastBodyEnd(String html) {
        for (int at = html.lastIndexOf("</"); at >= 0; at = at == 0 ? -1 : html.lastIndexOf("</", at - 1)) {
            if (html.regionMatches(true, at, "</body", 0, 6)) {
                return at;
            }
        }
        return -1;
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
