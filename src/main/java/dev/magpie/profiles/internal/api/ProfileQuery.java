package dev.magpie.profiles.internal.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.github.f4b6a3.ulid.Ulid;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.internal.Identifier;
import dev.magpie.profiles.internal.IdentifierNormalizer;
import dev.magpie.profiles.internal.IdentifierRegistry;
import dev.magpie.profiles.internal.ProfileListing;
import dev.magpie.profiles.internal.ProfileRows;
import dev.magpie.profiles.internal.StoredProfile;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.CursorCodec;
import dev.magpie.web.api.CursorPageRequest;
import dev.magpie.web.api.FilterExpression;
import dev.magpie.web.api.FilterExpression.Comparison;
import dev.magpie.web.api.FilterOperator;
import dev.magpie.web.api.FilterSpec;
import dev.magpie.web.api.FilterSpec.FieldType;
import dev.magpie.web.api.FilterValue;
import dev.magpie.web.api.PageCursor;
import org.springframework.stereotype.Component;

/**
 * Klaviyo's Get Profiles: filters on {@code id}, {@code email}, {@code phone_number}, {@code external_id} (equals,
 * any) and on {@code created} and {@code updated} (before and after), sorted and paged by cursor.
 *
 * <p>Identifier filters read the identifier registry and the named profiles alone, so any sort is cheap for
 * them. Without one, the query walks the account's listing in id (= creation) order, where {@code created}
 * bounds become id bounds; {@code updated} is checked on the listing as it goes, and one request looks at no more
 * than {@value #SCAN_BUDGET} profiles: a page may then hold fewer profiles than asked for, with a {@code next}
 * link to continue.
 */
@Component
class ProfileQuery {

    static final FilterSpec FILTERS = FilterSpec.builder()
        .field("id", FieldType.STRING, FilterOperator.EQUALS, FilterOperator.ANY)
        .field("email", FieldType.STRING, FilterOperator.EQUALS, FilterOperator.ANY)
        .field("phone_number", FieldType.STRING, FilterOperator.EQUALS, FilterOperator.ANY)
        .field("external_id", FieldType.STRING, FilterOperator.EQUALS, FilterOperator.ANY)
        .field("created", FieldType.DATETIME, FilterOperator.GREATER_THAN, FilterOperator.GREATER_OR_EQUAL,
                FilterOperator.LESS_THAN, FilterOperator.LESS_OR_EQUAL)
        .field("updated", FieldType.DATETIME, FilterOperator.GREATER_THAN, FilterOperator.GREATER_OR_EQUAL,
                FilterOperator.LESS_THAN, FilterOperator.LESS_OR_EQUAL)
        .build();

    static final int MAX_ANY_VALUES = 100;

    static final int SCAN_BUDGET = 10_000;

    private final ProfileRows rows;

    private final ProfileListing listing;

    private final IdentifierRegistry registry;

    private final IdentifierNormalizer normalizer;

    ProfileQuery(ProfileRows rows, ProfileListing listing, IdentifierRegistry registry,
            IdentifierNormalizer normalizer) {
        this.rows = rows;
        this.listing = listing;
        this.registry = registry;
        this.normalizer = normalizer;
    }

    /** A page of profiles, and the cursors of the pages next to it ({@code null} where there is none). */
    record Page(List<StoredProfile> profiles, PageCursor next, PageCursor prev) {
    }

    Page find(String accountId, String filter, String sortText, CursorPageRequest page) {
        List<Comparison> comparisons = FILTERS.parse(filter).map(FilterExpression::comparisons).orElse(List.of());
        Sort sort = Sort.parse(sortText);
        Bounds created = new Bounds();
        Bounds updated = new Bounds();
        Set<String> candidates = null;
        for (Comparison comparison : comparisons) {
            switch (comparison.field()) {
                case "created" -> created.add(comparison);
                case "updated" -> updated.add(comparison);
                default -> {
                    Set<String> ids = ids(accountId, comparison);
                    if (candidates == null) {
                        candidates = ids;
                    }
                    else {
                        candidates.retainAll(ids);
                    }
                }
            }
        }
        if (candidates != null) {
            return fromCandidates(accountId, candidates, created, updated, sort, page);
        }
        if (sort.key() != Sort.Key.ID) {
            throw ApiException.invalidParameter("sort", ("Sorting by %s needs a filter on id, email, phone_number or"
                    + " external_id; without one, profiles are listed by id or created.").formatted(sort.text()));
        }
        return scan(accountId, created, updated, sort.ascending(), page);
    }

    private Set<String> ids(String accountId, Comparison comparison) {
        List<String> values = values(comparison);
        if (comparison.field().equals("id")) {
            return new LinkedHashSet<>(values);
        }
        IdentifierKind kind = switch (comparison.field()) {
            case "email" -> IdentifierKind.EMAIL;
            case "phone_number" -> IdentifierKind.PHONE_NUMBER;
            default -> IdentifierKind.EXTERNAL_ID;
        };
        List<Identifier> identifiers = values.stream()
            .flatMap(value -> normalizer.lenient(kind, value).stream())
            .distinct()
            .map(value -> new Identifier(kind, value))
            .toList();
        return new LinkedHashSet<>(registry.holders(accountId, identifiers).values());
    }

    private static List<String> values(Comparison comparison) {
        if (comparison.value() instanceof FilterValue.ListValue list) {
            if (list.values().size() > MAX_ANY_VALUES) {
                throw ApiException.invalidParameter("filter", "any(%s,…) takes at most %d values."
                    .formatted(comparison.field(), MAX_ANY_VALUES));
            }
            return list.values().stream().map(value -> ((FilterValue.StringValue) value).value().strip()).toList();
        }
        if (comparison.value() instanceof FilterValue.StringValue text) {
            return List.of(text.value().strip());
        }
        throw ApiException.invalidParameter("filter", "'%s' is compared with a string, such as equals(%s,\"text\")."
            .formatted(comparison.field(), comparison.field()));
    }

    private Page fromCandidates(String accountId, Set<String> candidates, Bounds created, Bounds updated, Sort sort,
            CursorPageRequest page) {
        if (candidates.size() > MAX_ANY_VALUES) {
            throw ApiException.invalidParameter("filter", "A filter may name at most %d profiles."
                .formatted(MAX_ANY_VALUES));
        }
        List<StoredProfile> matching = new ArrayList<>(rows.findAll(accountId, List.copyOf(candidates)).stream()
            .filter(profile -> created.contains(profile.created()) && updated.contains(updated(profile)))
            .toList());
        Comparator<StoredProfile> order = Comparator.comparing(sort::value).thenComparing(StoredProfile::id);
        matching.sort(sort.ascending() ? order : order.reversed());
        int from = 0;
        int to = matching.size();
        if (page.cursor().isPresent()) {
            PageCursor cursor = page.cursor().get();
            int position = position(matching, cursor, sort, order);
            if (cursor.direction() == PageCursor.Direction.AFTER) {
                from = position;
            }
            else {
                to = position;
                from = Math.max(0, to - page.size());
            }
        }
        int end = Math.min(to, from + page.size());
        List<StoredProfile> profiles = matching.subList(from, end);
        PageCursor next = end < matching.size() && !profiles.isEmpty() ? after(sort, profiles.get(profiles.size() - 1))
                : null;
        PageCursor prev = from > 0 && !profiles.isEmpty() ? before(sort, profiles.get(0)) : null;
        return new Page(List.copyOf(profiles), next, prev);
    }

    /** Where a cursor's position falls in {@code sorted}: the index of the first profile after it. */
    private static int position(List<StoredProfile> sorted, PageCursor cursor, Sort sort,
            Comparator<StoredProfile> order) {
        if (cursor.position().size() != 2) {
            throw invalidCursor();
        }
        String key = cursor.position().get(0);
        String id = cursor.position().get(1);
        Comparator<String[]> keys = Comparator.<String[], String>comparing(pair -> pair[0])
            .thenComparing(pair -> pair[1]);
        Comparator<String[]> direction = sort.ascending() ? keys : keys.reversed();
        String[] target = { key, id };
        int index = 0;
        while (index < sorted.size()) {
            StoredProfile profile = sorted.get(index);
            int compared = direction.compare(new String[] { sort.value(profile), profile.id() }, target);
            if (cursor.direction() == PageCursor.Direction.AFTER ? compared > 0 : compared >= 0) {
                break;
            }
            index++;
        }
        return index;
    }

    private static PageCursor after(Sort sort, StoredProfile profile) {
        return PageCursor.after(sort.value(profile), profile.id());
    }

    private static PageCursor before(Sort sort, StoredProfile profile) {
        return PageCursor.before(sort.value(profile), profile.id());
    }

    private Page scan(String accountId, Bounds created, Bounds updated, boolean ascending, CursorPageRequest page) {
        String above = created.lowerId();
        String below = created.upperId();
        Optional<PageCursor> cursor = page.cursor();
        boolean backwards = cursor.map(c -> c.direction() == PageCursor.Direction.BEFORE).orElse(false);
        if (cursor.isPresent()) {
            if (cursor.get().position().size() != 1) {
                throw invalidCursor();
            }
            String id = cursor.get().position().get(0);
            // "after" in the requested order is "above" when ascending; a backwards page walks the other way
            boolean upwards = ascending != backwards;
            if (upwards) {
                above = max(above, id);
            }
            else {
                below = min(below, id);
            }
        }
        boolean walkAscending = ascending != backwards;
        Iterator<ProfileListing.Listed> listed = listing.scan(accountId, walkAscending, above, below,
                ProfileListing.batchFor(page.size()));
        List<String> ids = new ArrayList<>();
        String lastSeen = null;
        int scanned = 0;
        boolean more = false;
        while (listed.hasNext()) {
            if (scanned == SCAN_BUDGET) {
                more = true;
                break;
            }
            ProfileListing.Listed profile = listed.next();
            scanned++;
            if (!updated.contains(profile.updated() != null ? profile.updated() : created(profile.id()))) {
                lastSeen = profile.id();
                continue;
            }
            if (ids.size() == page.size()) {
                more = true;
                break;
            }
            ids.add(profile.id());
            lastSeen = profile.id();
        }
        List<StoredProfile> profiles = new ArrayList<>(rows.findAll(accountId, ids));
        PageCursor onward = more ? cursorFrom(ids.isEmpty() ? lastSeen : ids.get(ids.size() - 1), backwards)
                : null;
        PageCursor back = cursor.isPresent() && !ids.isEmpty() ? cursorFrom(ids.get(0), !backwards) : null;
        if (backwards) {
            Collections.reverse(profiles);
            return new Page(profiles, back, onward);
        }
        return new Page(profiles, onward, back);
    }

    private static PageCursor cursorFrom(String id, boolean before) {
        if (id == null) {
            return null;
        }
        return before ? PageCursor.before(id) : PageCursor.after(id);
    }

    private static Instant updated(StoredProfile profile) {
        return profile.updated() != null ? profile.updated() : profile.created();
    }

    private static Instant created(String id) {
        try {
            return Ulid.from(id).getInstant();
        }
        catch (IllegalArgumentException notUlid) {
            return Instant.EPOCH;
        }
    }

    private static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static ApiException invalidCursor() {
        return ApiException.invalidParameter(CursorCodec.PARAMETER,
                "Invalid page cursor. Use the links.next or links.prev of a previous response as they are.");
    }

    /** The moments a {@code created} or {@code updated} filter allows, as milliseconds (Magpie's precision). */
    private static final class Bounds {

        /** Exclusive lower and upper bounds in epoch milliseconds. */
        private long lower = Long.MIN_VALUE;

        private long upper = Long.MAX_VALUE;

        void add(Comparison comparison) {
            Instant at = ((FilterValue.DateTimeValue) comparison.value()).value();
            long floor = at.toEpochMilli();
            long ceil = at.getNano() % 1_000_000 == 0 ? floor : floor + 1;
            switch (comparison.operator()) {
                case GREATER_THAN -> lower = Math.max(lower, floor);
                case GREATER_OR_EQUAL -> lower = Math.max(lower, ceil - 1);
                case LESS_THAN -> upper = Math.min(upper, ceil);
                case LESS_OR_EQUAL -> upper = Math.min(upper, floor + 1);
                default -> throw new IllegalStateException("Not a time comparison: " + comparison.operator());
            }
        }

        boolean contains(Instant instant) {
            long millis = instant.toEpochMilli();
            return millis > lower && millis < upper;
        }

        /** The greatest id created at or before the lower bound: ids above it are created after it. */
        String lowerId() {
            return lower == Long.MIN_VALUE || lower < 0 ? ProfileListing.LOWEST : Ulid.max(lower).toString();
        }

        /** The least id created at or after the upper bound. */
        String upperId() {
            return upper == Long.MAX_VALUE || upper > MAX_ULID_TIME ? ProfileListing.HIGHEST
                    : upper < 0 ? ProfileListing.LOWEST : Ulid.min(upper).toString();
        }

        private static final long MAX_ULID_TIME = (1L << 48) - 1;
    }

    /** A {@code sort=} value: a key and a direction. */
    private record Sort(Key key, boolean ascending, String text) {

        enum Key {
            ID, UPDATED, EMAIL
        }

        static Sort parse(String text) {
            if (text == null || text.isBlank()) {
                return new Sort(Key.ID, true, "id");
            }
            String trimmed = text.strip();
            boolean descending = trimmed.startsWith("-");
            String name = descending ? trimmed.substring(1) : trimmed;
            Key key = switch (name) {
                case "id", "created" -> Key.ID;
                case "updated" -> Key.UPDATED;
                case "email" -> Key.EMAIL;
                default -> throw ApiException.invalidParameter("sort", ("'%s' is not a sort of profiles. Sort by id,"
                        + " created, updated or email, with a leading '-' for descending order.").formatted(trimmed));
            };
            return new Sort(key, !descending, name);
        }

        String value(StoredProfile profile) {
            Function<StoredProfile, String> value = switch (key) {
                case ID -> StoredProfile::id;
                case UPDATED -> p -> "%020d".formatted(updated(p).toEpochMilli());
                case EMAIL -> p -> p.email() == null ? "" : p.email();
            };
            return value.apply(profile);
        }
    }
}
