package dev.magpie.web.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The API revision a request asks for in its {@code revision} header: a date such as {@code 2025-01-15},
 * optionally with a suffix such as {@code .pre}. Any well-formed revision is served the same way today;
 * endpoints that one day answer differently per revision read it with {@link #of(HttpServletRequest)}.
 *
 * @param date the revision's date
 * @param suffix what followed the date, without its dot, or {@code null}
 */
public record ApiRevision(LocalDate date, String suffix) {

    /** The request header that carries the revision, as in Klaviyo's API. */
    public static final String HEADER = "revision";

    private static final String ATTRIBUTE = ApiRevision.class.getName();

    private static final Pattern FORMAT = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:\\.([A-Za-z0-9_-]+))?");

    /** Reads {@code YYYY-MM-DD[.suffix]}; empty when the text is anything else or not a real date. */
    public static Optional<ApiRevision> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ApiRevision(LocalDate.parse(matcher.group(1)), matcher.group(2)));
        }
        catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    /** The revision of an API request that passed the revision check. */
    public static Optional<ApiRevision> of(HttpServletRequest request) {
        return Optional.ofNullable((ApiRevision) request.getAttribute(ATTRIBUTE));
    }

    void storeIn(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    @Override
    public String toString() {
        return suffix == null ? date.toString() : date + "." + suffix;
    }
}
