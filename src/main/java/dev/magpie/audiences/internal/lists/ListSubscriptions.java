package dev.magpie.audiences.internal.lists;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.audiences.ListDirectory.SubscriptionOutcome;
import dev.magpie.audiences.Subscription;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import org.springframework.stereotype.Component;

/**
 * Subscribing and unsubscribing: the signup paths, which record consent on the profile (per channel, with time,
 * method and source), unlike a plain "add to list", which leaves consent alone.
 *
 * <p>On a double opt-in list, someone who gives an email address and has not already consented to email
 * marketing joins as pending and is sent a confirmation link; following it makes them a member and records their
 * email consent with the method "double opt-in". SMS consent, which has no confirmation step here, is recorded at
 * once.
 */
@Component
class ListSubscriptions {

    /** The consent method recorded when a confirmation link is followed. */
    static final String DOUBLE_OPT_IN = "double opt-in";

    private final Profiles profiles;

    private final ListRoster roster;

    private final ListCatalog catalog;

    private final ConfirmationMailer mailer;

    private final ListsProperties properties;

    private final Clock clock;

    ListSubscriptions(Profiles profiles, ListRoster roster, ListCatalog catalog, ConfirmationMailer mailer,
            ListsProperties properties, Clock clock) {
        this.profiles = profiles;
        this.roster = roster;
        this.catalog = catalog;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Subscribes someone, to {@code list} when one is given (Klaviyo allows subscribing to channels alone).
     *
     * @param consentedAt when they consented, when the caller knows (a historical import); now otherwise
     */
    SubscriptionOutcome subscribe(String accountId, Optional<ListDefinition> list, Subscription subscription,
            Instant consentedAt) {
        Instant at = consentedAt == null ? clock.instant() : consentedAt;
        ProfileAttributes wanted = subscription.profile();
        Optional<Profile> existing = findByIdentifiers(accountId, wanted.identifiers());
        boolean alreadyEmailSubscribed = existing.map(profile -> allows(profile, Channel.EMAIL_MARKETING))
            .orElse(false);
        boolean confirmByEmail = list.map(ListDefinition::doubleOptIn).orElse(false) && subscription.email()
                && hasEmail(wanted, existing) && !alreadyEmailSubscribed;
        Map<Channel, Consent> consent = new EnumMap<>(Channel.class);
        if (subscription.email() && !confirmByEmail) {
            consent.put(Channel.EMAIL_MARKETING, new Consent(Consent.State.SUBSCRIBED, at, subscription.method(),
                    subscription.source()));
        }
        if (subscription.sms()) {
            consent.put(Channel.SMS_MARKETING, new Consent(Consent.State.SUBSCRIBED, at, subscription.method(),
                    subscription.source()));
        }
        Profile profile = profiles.upsert(accountId, withConsent(wanted, consent)).profile();
        if (list.isEmpty()) {
            return new SubscriptionOutcome(profile.id(), false);
        }
        ListDefinition target = list.get();
        if (confirmByEmail && profile.email() != null) {
            if (roster.addPending(accountId, target.id(), profile.id())) {
                Instant expiry = clock.instant().plus(properties.confirmationValidity());
                mailer.send(accountId, profile.email(), target.name(), ConfirmationLinks.token(accountId, target.id(),
                        profile.id(), expiry, target.confirmSecret()));
                return new SubscriptionOutcome(profile.id(), true);
            }
            return new SubscriptionOutcome(profile.id(), false);
        }
        roster.add(accountId, target.id(), List.of(profile.id()));
        return new SubscriptionOutcome(profile.id(), false);
    }

    /**
     * Withdraws consent for the channels named, and takes the profile off {@code list} when one is given. Someone
     * Magpie does not know is left unknown: an unsubscription creates no profile.
     *
     * @return whether a profile was found
     */
    boolean unsubscribe(String accountId, Optional<ListDefinition> list, Identifiers identifiers, boolean email,
            boolean sms, String method, String source) {
        Optional<Profile> found = findByIdentifiers(accountId, identifiers);
        if (found.isEmpty()) {
            return false;
        }
        Instant at = clock.instant();
        Map<Channel, Consent> consent = new EnumMap<>(Channel.class);
        if (email) {
            consent.put(Channel.EMAIL_MARKETING, new Consent(Consent.State.UNSUBSCRIBED, at, method, source));
        }
        if (sms) {
            consent.put(Channel.SMS_MARKETING, new Consent(Consent.State.UNSUBSCRIBED, at, method, source));
        }
        Profile profile = found.get();
        if (!consent.isEmpty()) {
            profiles.upsert(accountId, byId(profile, consent));
        }
        list.ifPresent(target -> roster.remove(accountId, target.id(), List.of(profile.id())));
        return true;
    }

    /** Follows a confirmation link: what the subscriber sees depends on the answer. */
    Confirmation confirm(String token) {
        Optional<ConfirmationLinks.Claim> claim = ConfirmationLinks.read(token);
        if (claim.isEmpty()) {
            return Confirmation.INVALID;
        }
        ConfirmationLinks.Claim read = claim.get();
        Optional<ListDefinition> list;
        try {
            list = catalog.find(read.accountId(), read.listId());
        }
        catch (IllegalArgumentException notAnAccount) {
            return Confirmation.INVALID;
        }
        if (list.isEmpty() || !read.signedWith(list.get().confirmSecret())) {
            return Confirmation.INVALID;
        }
        if (clock.instant().isAfter(read.expiry())) {
            return Confirmation.EXPIRED;
        }
        Optional<Profile> profile = profiles.find(read.accountId(), read.profileId());
        if (profile.isEmpty()) {
            return Confirmation.INVALID;
        }
        String profileId = profile.get().id();
        if (!roster.confirm(read.accountId(), read.listId(), profileId)) {
            return roster.isMember(read.accountId(), read.listId(), profileId) ? Confirmation.ALREADY_CONFIRMED
                    : Confirmation.INVALID;
        }
        Map<Channel, Consent> consent = new EnumMap<>(Channel.class);
        consent.put(Channel.EMAIL_MARKETING, new Consent(Consent.State.SUBSCRIBED, clock.instant(), DOUBLE_OPT_IN,
                list.get().name()));
        profiles.upsert(read.accountId(), byId(profile.get(), consent));
        return Confirmation.CONFIRMED;
    }

    private Optional<Profile> findByIdentifiers(String accountId, Identifiers identifiers) {
        if (identifiers == null) {
            return Optional.empty();
        }
        Optional<Profile> found = Optional.empty();
        if (identifiers.externalId() != null) {
            found = profiles.findBy(accountId, IdentifierKind.EXTERNAL_ID, identifiers.externalId());
        }
        if (found.isEmpty() && identifiers.email() != null) {
            found = profiles.findBy(accountId, IdentifierKind.EMAIL, identifiers.email());
        }
        if (found.isEmpty() && identifiers.phoneNumber() != null) {
            found = profiles.findBy(accountId, IdentifierKind.PHONE_NUMBER, identifiers.phoneNumber());
        }
        return found;
    }

    private static ProfileAttributes byId(Profile profile, Map<Channel, Consent> consent) {
        // The profile's own strongest identifier names it: an upsert has no other way to say "this profile"
        Identifiers identifiers = profile.externalId() != null ? new Identifiers(null, null, profile.externalId(), null)
                : profile.email() != null ? new Identifiers(profile.email(), null, null, null)
                        : new Identifiers(null, profile.phoneNumber(), null, null);
        return new ProfileAttributes(identifiers, null, null, null, null, null, null, null, consent);
    }

    private static ProfileAttributes withConsent(ProfileAttributes attributes, Map<Channel, Consent> consent) {
        return new ProfileAttributes(attributes.identifiers(), attributes.firstName(), attributes.lastName(),
                attributes.organization(), attributes.title(), attributes.image(), attributes.location(),
                attributes.properties(), consent.isEmpty() ? null : consent);
    }

    private static boolean hasEmail(ProfileAttributes wanted, Optional<Profile> existing) {
        return (wanted.identifiers() != null && wanted.identifiers().email() != null)
                || existing.map(profile -> profile.email() != null).orElse(false);
    }

    private static boolean allows(Profile profile, Channel channel) {
        return profile.consent() != null && profile.consent().get(channel) != null
                && profile.consent().get(channel).allows();
    }

    /** What following a confirmation link did. */
    enum Confirmation {
        CONFIRMED, ALREADY_CONFIRMED, EXPIRED, INVALID
    }
}
