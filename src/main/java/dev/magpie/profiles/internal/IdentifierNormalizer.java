package dev.magpie.profiles.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.InvalidProfileException;
import org.springframework.stereotype.Component;

/**
 * Brings identifiers to the one form they are stored and looked up in: emails trimmed and lower-cased, phone
 * numbers in E.164 ({@code +14155550123}), external and anonymous ids trimmed. A blank value means "not given".
 * A value that cannot be an identifier of its kind is refused, naming the field as Klaviyo spells it.
 */
@Component
public class IdentifierNormalizer {

    static final int MAX_EMAIL_LENGTH = 254;

    static final int MAX_ID_LENGTH = 255;

    // Deliberately plain: what mail servers accept in practice, not all of RFC 5322 (no quoted local parts,
    // no IP-literal domains). Letters beyond ASCII are allowed for internationalised addresses.
    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+[\\p{L}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    public IdentifierNormalizer(ProfilesProperties properties) {
        this.defaultRegion = properties.defaultPhoneRegion();
    }

    /** The identifier of {@code kind} in stored form, or {@code null} when {@code raw} is null or blank. */
    public String normalize(IdentifierKind kind, String raw) {
        return switch (kind) {
            case EMAIL -> email(raw);
            case PHONE_NUMBER -> phoneNumber(raw);
            case EXTERNAL_ID -> id(raw, "external_id");
            case ANONYMOUS_ID -> id(raw, "anonymous_id");
        };
    }

    /** The stored form, or empty when {@code raw} is blank or not a valid identifier of {@code kind}; for lookups. */
    public Optional<String> lenient(IdentifierKind kind, String raw) {
        try {
            return Optional.ofNullable(normalize(kind, raw));
        }
        catch (InvalidProfileException invalid) {
            return Optional.empty();
        }
    }

    /** Every given identifier in stored form, strongest first. */
    public List<Identifier> identifiers(Identifiers identifiers) {
        if (identifiers == null) {
            return List.of();
        }
        List<Identifier> normalized = new ArrayList<>(4);
        add(normalized, IdentifierKind.EXTERNAL_ID, identifiers.externalId());
        add(normalized, IdentifierKind.EMAIL, identifiers.email());
        add(normalized, IdentifierKind.PHONE_NUMBER, identifiers.phoneNumber());
        add(normalized, IdentifierKind.ANONYMOUS_ID, identifiers.anonymousId());
        return List.copyOf(normalized);
    }

    private void add(List<Identifier> into, IdentifierKind kind, String raw) {
        String value = normalize(kind, raw);
        if (value != null) {
            into.add(new Identifier(kind, value));
        }
    }

    /** An email address, trimmed and lower-cased. */
    public String email(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        int at = email.lastIndexOf('@');
        if (email.length() > MAX_EMAIL_LENGTH || at > 64 || !EMAIL.matcher(email).matches()) {
            throw new InvalidProfileException("email",
                    "Invalid email address '%s'.".formatted(abbreviate(raw.strip())));
        }
        return email;
    }

    /** A phone number in E.164 form; one without a country code is read as a number of the default region. */
    public String phoneNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        try {
            PhoneNumber number = phones.parse(text, defaultRegion);
            if (phones.isValidNumber(number)) {
                return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        }
        catch (NumberParseException notANumber) {
            // answered below
        }
        throw new InvalidProfileException("phone_number", ("Invalid phone number '%s'. Send it in E.164 format,"
                + " such as +14155550123 (numbers without a country code are read as %s numbers).")
            .formatted(abbreviate(text), defaultRegion));
    }

    private static String id(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String id = raw.strip();
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidProfileException(field,
                    "%s must be at most %d characters long.".formatted(field, MAX_ID_LENGTH));
        }
        return id;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
