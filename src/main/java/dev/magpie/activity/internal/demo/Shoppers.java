package dev.magpie.activity.internal.demo;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Location;

/**
 * The demo store's customers. Shopper {@code i} is the same person every time for the same seed: names,
 * an email, a valid phone number for four in ten, a store customer id for seven in ten, a city, a few custom
 * properties and the consent they gave.
 */
final class Shoppers {

    private static final long SALT = 1;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private static final Map<String, Integer> NATIONAL_LENGTH = Map.of("US", 10, "CA", 10, "GB", 10, "DE", 11,
            "NL", 9, "FR", 9, "IE", 9, "AU", 9);

    private static final List<String> DOMAINS = List.of("example.com", "example.net", "example.org");

    private static final List<String> TIERS = List.of("Bronze", "Bronze", "Bronze", "Silver", "Silver", "Gold",
            "Platinum");

    private static final List<String> CHANNELS = List.of("Instagram", "Google Ads", "Referral", "Organic search",
            "Newsletter", "TikTok", "Podcast");

    private static final List<String> CATEGORIES = List.of("Apparel", "Footwear", "Accessories", "Home", "Outdoor",
            "Beauty");

    private static final List<String[]> EMAIL_OPT_INS = List.of(new String[] { "Signup form", "Storefront popup" },
            new String[] { "Checkout checkbox", "Checkout" }, new String[] { "Double opt-in", "Footer form" },
            new String[] { "Account creation", "Shopify" });

    private final long seed;

    private final int count;

    private final Instant end;

    Shoppers(long seed, int count, Instant end) {
        this.seed = seed;
        this.count = count;
        this.end = end;
    }

    int count() {
        return count;
    }

    Shopper shopper(int index) {
        SplittableRandom random = Seeds.random(seed, SALT, index);
        String first = Seeds.pick(random, Names.FIRST);
        String last = Seeds.pick(random, Names.LAST);
        Place place = place(random);
        String phone = Seeds.chance(random, 0.4) ? phone(random, place) : null;
        String externalId = Seeds.chance(random, 0.7) ? "cust_" + (100_000 + index) : null;
        return new Shopper(index, email(random, first, last, index), phone, externalId, first, last,
                location(random, place), properties(random), consent(random, phone != null));
    }

    private static Place place(SplittableRandom random) {
        int ticket = random.nextInt(Place.TOTAL_WEIGHT);
        for (Place place : Place.ALL) {
            ticket -= place.weight();
            if (ticket < 0) {
                return place;
            }
        }
        throw new IllegalStateException("Place weights do not add up");
    }

    private static String email(SplittableRandom random, String first, String last, int index) {
        String f = ascii(first);
        String l = ascii(last);
        // The index keeps every address unique, the way stores' customer lists are
        String local = switch (random.nextInt(4)) {
            case 0 -> f + "." + l;
            case 1 -> f.charAt(0) + l;
            case 2 -> f + "_" + l;
            default -> l + "." + f;
        };
        return local + index + "@" + Seeds.pick(random, DOMAINS);
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z]", "");
    }

    /** A number libphonenumber accepts as valid for the shopper's country, in E.164; rarely none at all. */
    private static String phone(SplittableRandom random, Place place) {
        int length = NATIONAL_LENGTH.get(place.phoneRegion());
        for (int attempt = 0; attempt < 20; attempt++) {
            StringBuilder national = new StringBuilder(Seeds.pick(random, place.phonePrefixes()));
            if (length == 10 && national.length() == 3) {
                // North America: the exchange starts with 2–9 and is never 555 (fictional numbers)
                national.append(2 + random.nextInt(8));
            }
            while (national.length() < length) {
                national.append(random.nextInt(10));
            }
            try {
                PhoneNumber number = PHONES.parse(national.toString(), place.phoneRegion());
                if (PHONES.isValidNumber(number) && !national.substring(3, 6).equals("555")) {
                    return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
                }
            }
            catch (NumberParseException notANumber) {
                // try another
            }
        }
        return null;
    }

    private static Location location(SplittableRandom random, Place place) {
        int street = 1 + random.nextInt(240);
        String address1 = street + " " + Seeds.pick(random, List.of("Main St", "Oak Ave", "Maple Rd", "High St",
                "Park Lane", "Elm St", "Station Rd", "Market St", "River Rd", "Church St"));
        String address2 = Seeds.chance(random, 0.2) ? "Apt " + (1 + random.nextInt(30)) : null;
        // A few hundred metres around the city centre, so a map shows a cloud, not a dot
        double latitude = Math.round((place.latitude() + (random.nextDouble() - 0.5) * 0.08) * 10_000) / 10_000.0;
        double longitude = Math.round((place.longitude() + (random.nextDouble() - 0.5) * 0.08) * 10_000) / 10_000.0;
        return new Location(address1, address2, place.city(), place.country(), place.region(), place.zip(),
                place.timezone(), latitude, longitude);
    }

    private Map<String, Object> properties(SplittableRandom random) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (Seeds.chance(random, 0.55)) {
            properties.put("loyalty", Map.of("tier", Seeds.pick(random, TIERS), "points", random.nextInt(5_000)));
        }
        if (Seeds.chance(random, 0.6)) {
            String favourite = Seeds.pick(random, CATEGORIES);
            String second = Seeds.pick(random, CATEGORIES);
            properties.put("preferred_categories", favourite.equals(second) ? List.of(favourite)
                    : List.of(favourite, second));
        }
        if (Seeds.chance(random, 0.35)) {
            LocalDate birthday = LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12),
                    1 + random.nextInt(28));
            properties.put("birthday", birthday.toString());
        }
        if (Seeds.chance(random, 0.7)) {
            Map<String, Object> acquisition = new LinkedHashMap<>();
            acquisition.put("channel", Seeds.pick(random, CHANNELS));
            if (Seeds.chance(random, 0.5)) {
                acquisition.put("campaign", Seeds.pick(random, List.of("spring-launch", "summer-sale",
                        "friends-and-family", "new-arrivals", "gift-guide")));
            }
            properties.put("acquisition", acquisition);
        }
        if (Seeds.chance(random, 0.05)) {
            properties.put("vip", true);
        }
        return properties;
    }

    private Map<Channel, Consent> consent(SplittableRandom random, boolean hasPhone) {
        Map<Channel, Consent> consent = new EnumMap<>(Channel.class);
        double email = random.nextDouble();
        if (email < 0.62) {
            String[] how = Seeds.pick(random, EMAIL_OPT_INS);
            consent.put(Channel.EMAIL_MARKETING, new Consent(Consent.State.SUBSCRIBED, past(random), how[0], how[1]));
        }
        else if (email < 0.70) {
            consent.put(Channel.EMAIL_MARKETING, new Consent(Consent.State.UNSUBSCRIBED, past(random),
                    "Unsubscribe link", "Email footer"));
        }
        if (hasPhone && Seeds.chance(random, 0.4)) {
            consent.put(Channel.SMS_MARKETING, Seeds.chance(random, 0.5)
                    ? new Consent(Consent.State.SUBSCRIBED, past(random), "Keyword opt-in", "SMS keyword JOIN")
                    : new Consent(Consent.State.SUBSCRIBED, past(random), "Checkout checkbox", "Checkout"));
        }
        if (hasPhone && Seeds.chance(random, 0.6)) {
            consent.put(Channel.SMS_TRANSACTIONAL,
                    new Consent(Consent.State.SUBSCRIBED, past(random), "Checkout checkbox", "Checkout"));
        }
        return consent;
    }

    /** Some moment in the last year and a half, to the second. */
    private Instant past(SplittableRandom random) {
        return end.minus(Duration.ofSeconds(random.nextLong(Duration.ofDays(540).toSeconds())));
    }
}
