package dev.magpie.deliverability.internal;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Follows unsubscribe links. Unsubscribing suppresses the address (reason UNSUBSCRIBED), withdraws the profile's
 * email-marketing consent and records "Unsubscribed" on its timeline; doing it again changes nothing. A token that
 * was altered, or names an account without a secret, does nothing at all.
 */
@Component
class Unsubscriber {

    /** The metric of the event recorded on the profile's timeline. */
    static final String UNSUBSCRIBED_METRIC = "Unsubscribed";

    /** The source recorded when the link names no message. */
    static final String LINK_SOURCE = "unsubscribe link";

    private static final Logger log = LoggerFactory.getLogger(Unsubscriber.class);

    private final UnsubscribeSecrets secrets;

    private final SuppressionList suppressions;

    private final Profiles profiles;

    private final EventRecorder recorder;

    Unsubscriber(UnsubscribeSecrets secrets, SuppressionList suppressions, Profiles profiles,
            EventRecorder recorder) {
        this.secrets = secrets;
        this.suppressions = suppressions;
        this.profiles = profiles;
        this.recorder = recorder;
    }

    /** The recipient a token names, when its account's secret signed it; reads, never writes. */
    Optional<UnsubscribeTokens.Claim> check(String token) {
        return UnsubscribeTokens.read(token)
            .filter(claim -> secrets.existing(claim.accountId()).map(claim::signedWith).orElse(false));
    }

    /**
     * Unsubscribes the recipient the token names.
     *
     * @param method how: {@link Method#ONE_CLICK} from the mailbox's button, {@link Method#PAGE} from the page
     */
    Outcome unsubscribe(String token, Method method) {
        Optional<UnsubscribeTokens.Claim> checked = check(token);
        if (checked.isEmpty()) {
            return Outcome.INVALID;
        }
        UnsubscribeTokens.Claim claim = checked.get();
        String accountId = claim.accountId();
        String source = claim.messageId() != null ? claim.messageId() : LINK_SOURCE;
        SuppressionStore.Stored stored = suppressions.suppressed(accountId, claim.email(),
                SuppressionReason.UNSUBSCRIBED, source, method.description);
        Optional<Profile> profile = profiles.find(accountId, claim.profileId());
        boolean consentWithdrawn = profile.map(found -> withdrawConsent(accountId, found, method, claim, stored))
            .orElse(false);
        if (!stored.created() && !consentWithdrawn) {
            return Outcome.ALREADY_UNSUBSCRIBED;
        }
        profile.ifPresent(found -> record(accountId, found.id(), claim, method, stored));
        return Outcome.UNSUBSCRIBED;
    }

    private boolean withdrawConsent(String accountId, Profile profile, Method method, UnsubscribeTokens.Claim claim,
            SuppressionStore.Stored stored) {
        Consent current = profile.consent() == null ? null : profile.consent().get(Channel.EMAIL_MARKETING);
        if (current != null && current.state() == Consent.State.UNSUBSCRIBED) {
            return false;
        }
        if (profile.externalId() == null && profile.email() == null && profile.phoneNumber() == null) {
            // Nothing to name it by in an upsert; the suppression alone keeps email away
            return false;
        }
        Map<Channel, Consent> consent = new EnumMap<>(Channel.class);
        consent.put(Channel.EMAIL_MARKETING, new Consent(Consent.State.UNSUBSCRIBED, stored.suppression().at(),
                method.description, claim.messageId() != null ? claim.messageId() : LINK_SOURCE));
        profiles.upsert(accountId, new ProfileAttributes(byId(profile), null, null, null, null, null, null, null,
                consent));
        return true;
    }

    private void record(String accountId, String profileId, UnsubscribeTokens.Claim claim, Method method,
            SuppressionStore.Stored stored) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("email", claim.email());
        properties.put("method", method.description);
        if (claim.messageId() != null) {
            properties.put("message_id", claim.messageId());
        }
        try {
            // One event per suppression: a retry after a crash repeats the unique id and is stored once
            recorder.recordFor(accountId, profileId, new NewEvent(UNSUBSCRIBED_METRIC, MetricSource.MAGPIE,
                    ProfileAttributes.of(Identifiers.NONE), stored.suppression().at(), null, null, properties,
                    "unsubscribed:" + claim.email() + ':' + stored.suppression().at().toEpochMilli()));
        }
        catch (RuntimeException failed) {
            // The unsubscription itself stands: consent and suppression are what keep messages away
            log.warn("Could not record the unsubscription of profile {} on its timeline", profileId, failed);
        }
    }

    /** The profile's own strongest identifier names it: an upsert has no other way to say "this profile". */
    private static Identifiers byId(Profile profile) {
        return profile.externalId() != null ? new Identifiers(null, null, profile.externalId(), null)
                : profile.email() != null ? new Identifiers(profile.email(), null, null, null)
                        : new Identifiers(null, profile.phoneNumber(), null, null);
    }

    /** How someone unsubscribed, as recorded with their consent. */
    enum Method {
        ONE_CLICK("one-click unsubscribe"), PAGE("unsubscribe page");

        final String description;

        Method(String description) {
            this.description = description;
        }
    }

    /** What following an unsubscribe link did. */
    enum Outcome {
        UNSUBSCRIBED, ALREADY_UNSUBSCRIBED, INVALID
    }
}
