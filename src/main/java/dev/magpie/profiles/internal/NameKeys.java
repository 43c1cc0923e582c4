package dev.magpie.profiles.internal;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The forms of a profile's name that search finds by prefix: first name, last name, and both together, each
 * lower-cased, without accents and with single spaces, so that "Zoë  Müller" is found by "zoe m".
 */
final class NameKeys {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Longest key kept: search only needs prefixes, and clustering keys should stay small. */
    static final int MAX_KEY_LENGTH = 100;

    private NameKeys() {
    }

    static Set<String> of(String firstName, String lastName) {
        Set<String> keys = new LinkedHashSet<>();
        String first = normalize(firstName);
        String last = normalize(lastName);
        add(keys, first);
        add(keys, last);
        if (!first.isEmpty() && !last.isEmpty()) {
            add(keys, first + " " + last);
        }
        return keys;
    }

    /** Search text or a name in the form keys take. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String plain = MARKS.matcher(decomposed).replaceAll("");
        return SPACES.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The partition a key lives in: its first character. */
    static String initial(String key) {
        return key.substring(0, Character.charCount(key.codePointAt(0)));
    }

    private static void add(Set<String> keys, String key) {
        if (!key.isEmpty()) {
            keys.add(key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key);
        }
    }
}
