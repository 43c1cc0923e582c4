package dev.magpie.tenancy.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

import dev.magpie.tenancy.AccountView;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/** The settings of a store's account; website and sender are optional until the store sends email. */
record AccountSettingsForm(@NotBlank @Size(max = 200) String name, @NotBlank String timezone,
        @NotBlank String currency, @Size(max = 500) String websiteUrl, @Size(max = 200) String senderName,
        @Email @Size(max = 320) String senderEmail) {

    static AccountSettingsForm of(AccountView account) {
        return new AccountSettingsForm(account.name(), account.timezone(), account.currency(),
                account.websiteUrl(), account.senderName(), account.senderEmail());
    }

    /** The checks Bean Validation cannot express: a real time zone, an ISO 4217 currency, a web address. */
    void check(Errors errors) {
        if (StringUtils.hasText(timezone) && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            errors.rejectValue("timezone", "account-settings.error.timezone");
        }
        if (StringUtils.hasText(currency) && !isCurrency(currency.trim())) {
            errors.rejectValue("currency", "account-settings.error.currency");
        }
        if (StringUtils.hasText(websiteUrl) && !isWebAddress(websiteUrl.trim())) {
            errors.rejectValue("websiteUrl", "account-settings.error.website");
        }
    }

    String normalizedCurrency() {
        return currency.trim().toUpperCase(Locale.ROOT);
    }

    static String blankToNull(String text) {
        return StringUtils.hasText(text) ? text.trim() : null;
    }

    private static boolean isCurrency(String code) {
        if (!code.matches("[A-Za-z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
            return true;
        }
        catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && StringUtils.hasText(uri.getHost());
        }
        catch (URISyntaxException invalid) {
            return false;
        }
    }
}
