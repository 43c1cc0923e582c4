package dev.magpie.profiles.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileSearch;
import org.springframework.stereotype.Component;

/**
 * {@link ProfileSearch}: the marketer's search box. Text that is an email, a phone number or an external id
 * finds that profile exactly; any text also finds names that start with it (first name, last name, or both),
 * in name order. Empty text lists every profile, newest first.
 */
@Component
class ProfileFinder implements ProfileSearch {

    static final int MAX_LIMIT = 100;

    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[\\d\\s().-]{7,}");

    private final ProfileRows rows;

    private final ProfileListing listing;

    private final NameIndex names;

    private final IdentifierRegistry registry;

    private final IdentifierNormalizer normalizer;

    ProfileFinder(ProfileRows rows, ProfileListing listing, NameIndex names, IdentifierRegistry registry,
            IdentifierNormalizer normalizer) {
        this.rows = rows;
        this.listing = listing;
        this.names = names;
        this.registry = registry;
        this.normalizer = normalizer;
    }

    @Override
    public ProfilePage search(String accountId, String text, Optional<String> after, int limit) {
        int size = Math.max(1, Math.min(MAX_LIMIT, limit));
        String query = text == null ? "" : text.strip();
        if (query.isEmpty()) {
            return newest(accountId, after, size);
        }
        List<StoredProfile> exact = exactMatches(accountId, query);
        List<StoredProfile> page = new ArrayList<>(after.isEmpty() ? exact : List.of());
        if (query.contains("@")) {
            return new ProfilePage(profiles(page), Optional.empty());
        }
        Set<String> exactIds = exact.stream().map(StoredProfile::id).collect(Collectors.toSet());
        String prefix = NameKeys.normalize(query);
        if (prefix.isEmpty()) {
            return new ProfilePage(profiles(page), Optional.empty());
        }
        boolean more = byName(accountId, prefix, after, exactIds, size - page.size(), page);
        Optional<String> next = more && !page.isEmpty() ? Optional.of(page.get(page.size() - 1).id())
                : Optional.empty();
        return new ProfilePage(profiles(page), next);
    }

    private ProfilePage newest(String accountId, Optional<String> after, int size) {
        Iterator<ProfileListing.Listed> listed = listing.scan(accountId, false, ProfileListing.LOWEST,
                after.orElse(ProfileListing.HIGHEST), ProfileListing.batchFor(size));
        List<String> ids = new ArrayList<>();
        while (listed.hasNext() && ids.size() <= size) {
            ids.add(listed.next().id());
        }
        boolean more = ids.size() > size;
        List<StoredProfile> found = rows.findAll(accountId, more ? ids.subList(0, size) : ids);
        Optional<String> next = more ? Optional.of(ids.get(size - 1)) : Optional.empty();
        return new ProfilePage(profiles(found), next);
    }

    private List<StoredProfile> exactMatches(String accountId, String query) {
        List<Identifier> candidates = new ArrayList<>();
        if (query.contains("@")) {
            normalizer.lenient(IdentifierKind.EMAIL, query)
                .ifPresent(email -> candidates.add(new Identifier(IdentifierKind.EMAIL, email)));
        }
        else {
            normalizer.lenient(IdentifierKind.EXTERNAL_ID, query)
                .ifPresent(id -> candidates.add(new Identifier(IdentifierKind.EXTERNAL_ID, id)));
            if (PHONE_LIKE.matcher(query).matches()) {
                normalizer.lenient(IdentifierKind.PHONE_NUMBER, query)
                    .ifPresent(phone -> candidates.add(new Identifier(IdentifierKind.PHONE_NUMBER, phone)));
            }
        }
        List<String> ids = registry.holders(accountId, candidates).values().stream().distinct().toList();
        Map<String, StoredProfile> live = new LinkedHashMap<>();
        ids.forEach(id -> rows.findLive(accountId, id).ifPresent(profile -> live.putIfAbsent(profile.id(), profile)));
        return List.copyOf(live.values());
    }

    /**
     * Adds to {@code page} up to {@code wanted} profiles whose names start with {@code prefix}, after the profile
     * {@code after}; says whether more remain. A profile with several matching names (first, last, both) is
     * listed once, at the first of them in name order.
     */
    private boolean byName(String accountId, String prefix, Optional<String> after, Set<String> skip, int wanted,
            List<StoredProfile> page) {
        String afterName = prefix;
        String afterId = "";
        if (after.isPresent()) {
            Optional<String> position = rows.findLive(accountId, after.get())
                .flatMap(profile -> firstMatchingName(profile, prefix));
            if (position.isPresent()) {
                afterName = position.get();
                afterId = after.get();
            }
        }
        int batch = Math.max(2, Math.min(100, wanted / 4 + 2));
        Iterator<NameIndex.Hit> hits = names.scan(accountId, prefix, afterName, afterId, batch);
        int added = 0;
        while (hits.hasNext()) {
            List<NameIndex.Hit> chunk = new ArrayList<>();
            while (hits.hasNext() && chunk.size() < Math.max(wanted - added, 1) + 1) {
                chunk.add(hits.next());
            }
            Map<String, StoredProfile> found = new LinkedHashMap<>();
            rows.findAll(accountId, chunk.stream().map(NameIndex.Hit::profileId).distinct().toList())
                .forEach(profile -> found.put(profile.id(), profile));
            for (NameIndex.Hit hit : chunk) {
                StoredProfile profile = found.get(hit.profileId());
                if (profile == null || skip.contains(profile.id())
                        || !firstMatchingName(profile, prefix).map(hit.name()::equals).orElse(false)) {
                    continue;
                }
                if (added == wanted) {
                    return true;
                }
                page.add(profile);
                added++;
            }
        }
        return false;
    }

    private static Optional<String> firstMatchingName(StoredProfile profile, String prefix) {
        return NameKeys.of(profile.text(ProfileField.FIRST_NAME), profile.text(ProfileField.LAST_NAME))
            .stream()
            .filter(name -> name.startsWith(prefix))
            .min(String::compareTo);
    }

    private static List<Profile> profiles(List<StoredProfile> stored) {
        return stored.stream().map(StoredProfile::toProfile).toList();
    }
}
