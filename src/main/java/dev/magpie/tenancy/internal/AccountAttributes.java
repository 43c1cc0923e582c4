package dev.magpie.tenancy.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.magpie.tenancy.AccountView;

/**
 * An account as Klaviyo's Accounts API shows it. Magpie has no test accounts, industries or postal
 * addresses yet: those attributes are present (SDKs expect them) but empty.
 */
record AccountAttributes(@JsonProperty("test_account") boolean testAccount,
        @JsonProperty("contact_information") ContactInformation contactInformation, String industry,
        String timezone, @JsonProperty("preferred_currency") String preferredCurrency,
        @JsonProperty("public_api_key") String publicApiKey, String locale) {

    static final String TYPE = "account";

    static AccountAttributes of(AccountView account) {
        return new AccountAttributes(false,
                new ContactInformation(orEmpty(account.senderName(), account.name()), orEmpty(account.senderEmail(), ""),
                        account.websiteUrl(), account.name(), StreetAddress.UNKNOWN),
                null, account.timezone(), account.currency(), account.publicApiKey(), account.locale());
    }

    private static String orEmpty(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Who the account's messages come from by default, and who it is. */
    record ContactInformation(@JsonProperty("default_sender_name") String defaultSenderName,
            @JsonProperty("default_sender_email") String defaultSenderEmail,
            @JsonProperty("website_url") String websiteUrl,
            @JsonProperty("organization_name") String organizationName,
            @JsonProperty("street_address") StreetAddress streetAddress) {
    }

    /** The organization's postal address; Klaviyo requires {@code city}, so an unknown one is empty. */
    record StreetAddress(String address1, String address2, String city, String region, String country, String zip) {

        static final StreetAddress UNKNOWN = new StreetAddress(null, null, "", null, null, null);
    }
}
