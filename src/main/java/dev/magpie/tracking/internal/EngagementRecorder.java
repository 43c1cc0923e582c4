package dev.magpie.tracking.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.tracking.internal.MachineHits.Flags;
import dev.magpie.tracking.internal.TrackingTokens.Claim;
import dev.magpie.tracking.internal.TrackingTokens.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a checked hit: "Opened Email" or "Clicked Email" on the profile's timeline, flagged when a machine made
 * it, and — for a reader's hit — the report figures. A hit whose profile is gone (deleted since the message was
 * sent) records nothing.
 */
@Component
class EngagementRecorder {

    static final String OPENED_METRIC = "Opened Email";

    static final String CLICKED_METRIC = "Clicked Email";

    /** Longer user agents are cut: they are shown, never parsed again. */
    private static final int MAX_AGENT = 300;

    private static final Logger log = LoggerFactory.getLogger(EngagementRecorder.class);

    private final EventRecorder events;

    private final EngagementStore store;

    private final MachineHits machines;

    private final Clock clock;

    EngagementRecorder(EventRecorder events, EngagementStore store, MachineHits machines, Clock clock) {
        this.events = events;
        this.store = store;
        this.machines = machines;
        this.clock = clock;
    }

    /**
     * Each hit is an event of its own: without a unique id, two hits of one profile within the same second would
     * be stored as one.
     */
    private static String hitId(Claim claim) {
        return claim.kind().code + ":" + claim.sourceId() + ":" + Ids.newId();
    }

    /** Records the hit of a checked token; {@code method} is the HTTP method, {@code userAgent} may be null. */
    Flags record(Claim claim, String userAgent, String method) {
        Instant now = clock.instant();
        Flags flags = machines.classify(claim, userAgent, method, now);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("$message", claim.sourceId());
        properties.put("message_id", claim.messageId());
        if (claim.kind() == Kind.CLICK) {
            properties.put("url", claim.url());
        }
        properties.put("bot", flags.bot());
        properties.put("prefetch", flags.prefetch());
        if (userAgent != null) {
            properties.put("user_agent", userAgent.length() > MAX_AGENT ? userAgent.substring(0, MAX_AGENT)
                    : userAgent);
        }
        String metric = claim.kind() == Kind.OPEN ? OPENED_METRIC : CLICKED_METRIC;
        try {
            TenantContext.callInAccount(claim.accountId(), () -> events.recordFor(claim.accountId(),
                    claim.profileId(), new NewEvent(metric, MetricSource.MAGPIE, ProfileAttributes.of(Identifiers.NONE),
                            now, null, null, properties, hitId(claim))));
        }
        catch (InvalidProfileException gone) {
            log.debug("No profile {} in account {} for a tracked hit", claim.profileId(), claim.accountId());
            return flags;
        }
        if (flags.human()) {
            if (claim.kind() == Kind.OPEN) {
                store.opened(claim.accountId(), claim.sourceId(), claim.profileId(), now);
            }
            else {
                store.clicked(claim.accountId(), claim.sourceId(), claim.profileId(), claim.url(), now);
            }
        }
        return flags;
    }
}
