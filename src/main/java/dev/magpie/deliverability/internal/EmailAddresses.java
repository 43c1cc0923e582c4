package dev.magpie.deliverability.internal;

import java.util.Locale;

import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.Profiles;
import org.springframework.stereotype.Component;

/**
 * Email addresses in the one form profiles store them (trimmed, lower-cased), so that a suppression matches the
 * address a profile and a send use, and checked by the same rules as a profile's email.
 */
@Component
class EmailAddresses {

    private final Profiles profiles;

    EmailAddresses(Profiles profiles) {
        this.profiles = profiles;
    }

    /**
     * The normalised address.
     *
     * @throws IllegalArgumentException when it is blank or not an email address
     */
    String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("No email address given");
        }
        try {
            profiles.check(new Identifiers(raw, null, null, null));
        }
        catch (InvalidProfileException invalid) {
            throw new IllegalArgumentException(invalid.getMessage(), invalid);
        }
        return lookupForm(raw);
    }

    /** The form an address is looked up in, without checking it: a malformed one simply matches nothing. */
    static String lookupForm(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    }
}
