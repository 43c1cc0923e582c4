package dev.magpie.profiles.internal.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.internal.ProfileField;
import dev.magpie.profiles.internal.StoredProfile;

/**
 * A profile as Klaviyo's Profiles API shows it. Every attribute is present, {@code null} when empty, as in
 * Klaviyo's responses; {@code subscriptions} only when asked for with {@code additional-fields[profile]}.
 */
record ProfileResourceAttributes(String email, @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("external_id") String externalId, @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName, String organization, String locale, String title, String image,
        String created, String updated, @JsonProperty("last_event_date") String lastEventDate, Location location,
        Map<String, Object> properties,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> subscriptions) {

    /** Klaviyo's form of a moment: {@code 2026-02-21T20:07:38.123+00:00}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
        .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx")
        .withZone(ZoneOffset.UTC);

    static ProfileResourceAttributes of(StoredProfile profile, Instant lastEventDate, boolean withSubscriptions) {
        return new ProfileResourceAttributes(profile.email(), profile.phoneNumber(), profile.externalId(),
                profile.text(ProfileField.FIRST_NAME), profile.text(ProfileField.LAST_NAME),
                profile.text(ProfileField.ORGANIZATION), profile.text(ProfileField.LOCALE),
                profile.text(ProfileField.TITLE), profile.text(ProfileField.IMAGE), timestamp(profile.created()),
                timestamp(profile.updated() != null ? profile.updated() : profile.created()), timestamp(lastEventDate),
                Location.of(profile), profile.properties(), withSubscriptions ? subscriptions(profile) : null);
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    private static Map<String, Object> subscriptions(StoredProfile profile) {
        Map<String, Object> email = new LinkedHashMap<>();
        Map<String, Object> emailMarketing = channel(profile, Channel.EMAIL_MARKETING, "can_receive_email_marketing");
        emailMarketing.put("custom_method_detail", null);
        emailMarketing.put("double_optin", null);
        emailMarketing.put("suppression", List.of());
        emailMarketing.put("list_suppressions", List.of());
        email.put("marketing", emailMarketing);
        Map<String, Object> sms = new LinkedHashMap<>();
        sms.put("marketing", channel(profile, Channel.SMS_MARKETING, "can_receive_sms_marketing"));
        sms.put("transactional", channel(profile, Channel.SMS_TRANSACTIONAL, "can_receive_sms_transactional"));
        Map<String, Object> subscriptions = new LinkedHashMap<>();
        subscriptions.put("email", email);
        subscriptions.put("sms", sms);
        return subscriptions;
    }

    private static Map<String, Object> channel(StoredProfile profile, Channel channel, String canReceive) {
        Consent consent = profile.consent().get(channel);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(canReceive, consent != null && consent.allows());
        view.put("consent", consent == null ? Consent.State.NEVER_SUBSCRIBED.name() : consent.state().name());
        view.put("consent_timestamp", consent == null ? null : timestamp(consent.at()));
        view.put("last_updated", consent == null ? null : timestamp(consent.at()));
        view.put("method", consent == null ? null : consent.method());
        view.put("method_detail", consent == null ? null : consent.source());
        return view;
    }

    /** Where the profile lives, in Klaviyo's shape. */
    record Location(String address1, String address2, String city, String country, Double latitude, Double longitude,
            String region, String zip, String timezone, String ip) {

        static Location of(StoredProfile profile) {
            return new Location(profile.text(ProfileField.ADDRESS1), profile.text(ProfileField.ADDRESS2),
                    profile.text(ProfileField.CITY), profile.text(ProfileField.COUNTRY),
                    (Double) profile.fields().get(ProfileField.LATITUDE),
                    (Double) profile.fields().get(ProfileField.LONGITUDE), profile.text(ProfileField.REGION),
                    profile.text(ProfileField.ZIP), profile.text(ProfileField.TIMEZONE), profile.text(ProfileField.IP));
        }
    }
}
