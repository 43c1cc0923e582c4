package dev.magpie.profiles.internal;

import java.util.Locale;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Profiles.
 *
 * @param defaultPhoneRegion the country (ISO 3166 alpha-2, such as {@code US} or {@code GB}) of phone numbers
 * written without a country code; numbers starting with {@code +} are read as they are
 */
@ConfigurationProperties("magpie.profiles")
public record ProfilesProperties(@DefaultValue("US") String defaultPhoneRegion) {

    public ProfilesProperties {
        defaultPhoneRegion = defaultPhoneRegion.trim().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultPhoneRegion)) {
            throw new IllegalArgumentException("magpie.profiles.default-phone-region must be a country code such as"
                    + " US or GB, not '" + defaultPhoneRegion + "'");
        }
    }
}
