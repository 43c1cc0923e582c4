package dev.magpie.tracking.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import dev.magpie.shared.RecentCache;
import dev.magpie.tracking.internal.TrackingTokens.Claim;
import dev.magpie.tracking.internal.TrackingTokens.Kind;
import org.springframework.stereotype.Component;

/**
 * Tells hits of machines from hits of readers, so that reports count readers only. A hit is {@code bot} when it
 * comes from a crawler or a security scanner (by its user agent, a missing one, or a HEAD request), and
 * {@code prefetch} when a mail service fetched it ahead of the reader: an image proxy or Apple Mail Privacy
 * Protection for opens; for clicks, one within a couple of seconds of sending, or one of more than a few clicks on
 * the same message within a second (scanners follow every link at once). The flags are heuristics: flagged hits
 * are still recorded, only left out of the unique counts.
 */
@Component
class MachineHits {

    /** Parts of the user agents of crawlers, link checkers, security gateways and scripted clients. */
    private static final List<String> BOT_AGENTS = List.of("bot", "spider", "crawl", "slurp", "scanner", "scan/",
            "preview", "headless", "phantomjs", "python", "curl/", "wget", "go-http-client", "java/", "okhttp",
            "libwww", "httpclient", "axios", "node-fetch", "barracuda", "mimecast", "proofpoint", "symantec",
            "messagelabs", "forcepoint", "trendmicro", "fortinet", "fortiguard", "sophos", "ironport", "zscaler",
            "safelinks", "linkcheck", "facebookexternalhit", "validator");

    /** Parts of the user agents of proxies that fetch images for the reader (opens they show are not reads). */
    private static final List<String> PREFETCH_AGENTS = List.of("googleimageproxy", "ggpht.com", "yahoomailproxy",
            "outlook-iOS-android".toLowerCase(Locale.ROOT));

    /** Apple Mail Privacy Protection fetches every image of every message with this bare user agent. */
    private static final String APPLE_PRIVACY_PROXY = "Mozilla/5.0";

    private static final Duration BURST = Duration.ofSeconds(1);

    private final TrackingProperties properties;

    /** The recent clicks of each message, by (account, source, profile): the last second's worth. */
    private final RecentCache<String, Deque<Instant>> recentClicks = new RecentCache<>(BURST, 50_000);

    MachineHits(TrackingProperties properties) {
        this.properties = properties;
    }

    /** What a hit looks like. */
    record Flags(boolean bot, boolean prefetch) {

        boolean human() {
            return !bot && !prefetch;
        }
    }

    Flags classify(Claim claim, String userAgent, String method, Instant at) {
        boolean bot = "HEAD".equalsIgnoreCase(method) || isBot(userAgent);
        boolean prefetch = claim.kind() == Kind.OPEN ? isImageProxy(userAgent)
                : Duration.between(claim.issuedAt(), at).compareTo(properties.clickPrefetchWindow()) < 0
                        | inBurst(claim, at);
        return new Flags(bot, prefetch);
    }

    static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        return BOT_AGENTS.stream().anyMatch(agent::contains);
    }

    static boolean isImageProxy(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        if (userAgent.trim().equals(APPLE_PRIVACY_PROXY)) {
            return true;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        return PREFETCH_AGENTS.stream().anyMatch(agent::contains);
    }

    /** Whether this click makes more than {@code clickBurst} on the message within the last second. */
    private boolean inBurst(Claim claim, Instant at) {
        String key = claim.accountId() + '\n' + claim.sourceId() + '\n' + claim.profileId();
        Deque<Instant> clicks = recentClicks.get(key);
        if (clicks == null) {
            clicks = new ArrayDeque<>();
            recentClicks.put(key, clicks);
        }
        synchronized (clicks) {
            while (!clicks.isEmpty() && clicks.peekFirst().isBefore(at.minus(BURST))) {
                clicks.pollFirst();
            }
            clicks.addLast(at);
            return clicks.size() > properties.clickBurst();
        }
    }
}
