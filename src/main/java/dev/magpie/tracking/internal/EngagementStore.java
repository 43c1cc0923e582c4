package dev.magpie.tracking.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.campaigns.CampaignEngagement.Hour;
import dev.magpie.campaigns.CampaignEngagement.LinkClicks;
import org.springframework.stereotype.Component;

/**
 * The figures of campaign reports in Cassandra (db/cassandra/migrations/V008__tracking.cql), all in partitions of
 * (account, campaign). A reader's open costs two writes and a click five, sent together; unique counts come from
 * rows keyed by profile, so a repeat hit overwrites its row and the counts stay exact.
 */
@Component
class EngagementStore {

    static final String OPEN = "open";

    static final String CLICK = "click";

    private final CqlSession session;

    private final PreparedStatement engager;

    private final PreparedStatement linkClicker;

    private final PreparedStatement linkClick;

    private final PreparedStatement hourOpen;

    private final PreparedStatement hourClick;

    private final PreparedStatement unsubscribe;

    private final PreparedStatement countEngagers;

    private final PreparedStatement countLinkClickers;

    private final PreparedStatement linkClicks;

    private final PreparedStatement hours;

    private final PreparedStatement countUnsubscribes;

    EngagementStore(CqlSession session) {
        this.session = session;
        engager = session.prepare("INSERT INTO campaign_engagers (account_id, campaign_id, kind, profile_id, at) "
                + "VALUES (?, ?, ?, ?, ?)");
        linkClicker = session.prepare("INSERT INTO campaign_link_clickers (account_id, campaign_id, url, profile_id) "
                + "VALUES (?, ?, ?, ?)");
        linkClick = session.prepare("UPDATE campaign_link_clicks SET clicks = clicks + 1 "
                + "WHERE account_id = ? AND campaign_id = ? AND url = ?");
        hourOpen = session.prepare("UPDATE campaign_engagement_hours SET opens = opens + 1 "
                + "WHERE account_id = ? AND campaign_id = ? AND hour = ?");
        hourClick = session.prepare("UPDATE campaign_engagement_hours SET clicks = clicks + 1 "
                + "WHERE account_id = ? AND campaign_id = ? AND hour = ?");
        unsubscribe = session.prepare("INSERT INTO campaign_unsubscribes (account_id, campaign_id, email, at) "
                + "VALUES (?, ?, ?, ?) IF NOT EXISTS");
        countEngagers = session.prepare("SELECT COUNT(*) FROM campaign_engagers "
                + "WHERE account_id = ? AND campaign_id = ? AND kind = ?");
        countLinkClickers = session.prepare("SELECT url, COUNT(*) AS clickers FROM campaign_link_clickers "
                + "WHERE account_id = ? AND campaign_id = ? GROUP BY url");
        linkClicks = session.prepare("SELECT url, clicks FROM campaign_link_clicks "
                + "WHERE account_id = ? AND campaign_id = ?");
        hours = session.prepare("SELECT hour, opens, clicks FROM campaign_engagement_hours "
                + "WHERE account_id = ? AND campaign_id = ?");
        countUnsubscribes = session.prepare("SELECT COUNT(*) FROM campaign_unsubscribes "
                + "WHERE account_id = ? AND campaign_id = ?");
    }

    /** A reader opened the campaign's message. */
    void opened(String accountId, String campaignId, String profileId, Instant at) {
        all(session.executeAsync(engager.bind(accountId, campaignId, OPEN, profileId, at)),
                session.executeAsync(hourOpen.bind(accountId, campaignId, hour(at))));
    }

    /**
     * A reader clicked one of the campaign's links. It also makes them an opener (a click shows the message was
     * read, even when its images were blocked), though not an open in the hourly chart.
     */
    void clicked(String accountId, String campaignId, String profileId, String url, Instant at) {
        all(session.executeAsync(engager.bind(accountId, campaignId, CLICK, profileId, at)),
                session.executeAsync(engager.bind(accountId, campaignId, OPEN, profileId, at)),
                session.executeAsync(linkClicker.bind(accountId, campaignId, url, profileId)),
                session.executeAsync(linkClick.bind(accountId, campaignId, url)),
                session.executeAsync(hourClick.bind(accountId, campaignId, hour(at))));
    }

    /** The address unsubscribed through the campaign's link; the first time counts, a repeat changes nothing. */
    void unsubscribed(String accountId, String campaignId, String email, Instant at) {
        session.execute(unsubscribe.bind(accountId, campaignId, email, at));
    }

    long uniqueOpens(String accountId, String campaignId) {
        return count(countEngagers.bind(accountId, campaignId, OPEN));
    }

    long uniqueClicks(String accountId, String campaignId) {
        return count(countEngagers.bind(accountId, campaignId, CLICK));
    }

    long unsubscribes(String accountId, String campaignId) {
        return count(countUnsubscribes.bind(accountId, campaignId));
    }

    /** Each clicked link with its unique and total clicks, most unique clicks first. */
    List<LinkClicks> links(String accountId, String campaignId) {
        Map<String, Long> unique = new HashMap<>();
        for (Row row : session.execute(countLinkClickers.bind(accountId, campaignId))) {
            unique.put(row.getString("url"), row.getLong("clickers"));
        }
        List<LinkClicks> links = new ArrayList<>();
        for (Row row : session.execute(linkClicks.bind(accountId, campaignId))) {
            String url = row.getString("url");
            links.add(new LinkClicks(url, unique.getOrDefault(url, 0L), row.getLong("clicks")));
        }
        links.sort((a, b) -> a.unique() != b.unique() ? Long.compare(b.unique(), a.unique())
                : a.total() != b.total() ? Long.compare(b.total(), a.total()) : a.url().compareTo(b.url()));
        return links;
    }

    /** Opens and clicks per hour, oldest first. */
    List<Hour> hours(String accountId, String campaignId) {
        List<Hour> buckets = new ArrayList<>();
        for (Row row : session.execute(hours.bind(accountId, campaignId))) {
            buckets.add(new Hour(row.getInstant("hour"), row.getLong("opens"), row.getLong("clicks")));
        }
        return buckets;
    }

    private long count(com.datastax.oss.driver.api.core.cql.BoundStatement statement) {
        Row row = session.execute(statement).one();
        return row == null ? 0 : row.getLong(0);
    }

    static Instant hour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /** Waits for writes sent together, so that a failure reaches the caller. */
    @SafeVarargs
    private static void all(CompletionStage<?>... writes) {
        CompletableFuture.allOf(java.util.Arrays.stream(writes)
            .map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new)).join();
    }
}
