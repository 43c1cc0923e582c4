package dev.magpie.profiles.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.ProfileSearch;
import dev.magpie.profiles.ProfileSearch.ProfilePage;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The marketer's search box: exact identifiers, name prefixes in name order, and every profile newest first. */
@SpringBootTest
class ProfileSearchTests {

    @Autowired
    Profiles profiles;

    @Autowired
    ProfileSearch search;

    private final String account = "acct-" + Ids.newId();

    private Profile sarah;

    private Profile sara;

    private Profile zoe;

    private Profile mason;

    @BeforeEach
    void people() {
        sarah = person("sarah@example.com", "+14155550101", "ext-sarah", "Sarah", "Mason");
        sara = person("sara@example.com", null, null, "Sara", "Lind");
        zoe = person("zoe@example.com", null, null, "Zoë", "Müller");
        mason = person("mason@example.com", null, "cust-9", "Mason", "Sarantos");
    }

    @Test
    void findsAnIdentifierExactly() {
        assertThat(ids(search.search(account, "SARAH@example.com", Optional.empty(), 10))).containsExactly(sarah.id());
        assertThat(ids(search.search(account, "(415) 555-0101", Optional.empty(), 10))).containsExactly(sarah.id());
        assertThat(ids(search.search(account, "cust-9", Optional.empty(), 10))).containsExactly(mason.id());
        assertThat(search.search(account, "nobody@example.com", Optional.empty(), 10).profiles()).isEmpty();
    }

    @Test
    void findsNamesByPrefixIgnoringCaseAndAccentsEachProfileOnce() {
        // "sar" starts Sara, Sarah and Mason's last name Sarantos: name order, each profile once
        assertThat(ids(search.search(account, "SAR", Optional.empty(), 10))).containsExactly(sara.id(), sarah.id(),
                mason.id());
        assertThat(ids(search.search(account, "sarah m", Optional.empty(), 10))).containsExactly(sarah.id());
        assertThat(ids(search.search(account, "zoe mu", Optional.empty(), 10))).containsExactly(zoe.id());
        assertThat(ids(search.search(account, "mas", Optional.empty(), 10))).containsExactly(sarah.id(), mason.id());
        assertThat(search.search(account, "q", Optional.empty(), 10).profiles()).isEmpty();
    }

    @Test
    void pagesThroughNameMatches() {
        List<String> seen = new ArrayList<>();
        Optional<String> after = Optional.empty();
        int pages = 0;
        do {
            ProfilePage page = search.search(account, "sa", after, 1);
            seen.addAll(ids(page));
            after = page.next();
            pages++;
        }
        while (after.isPresent() && pages < 10);

        assertThat(seen).containsExactly(sara.id(), sarah.id(), mason.id());
    }

    @Test
    void emptyTextListsEveryProfileNewestFirst() {
        ProfilePage first = search.search(account, " ", Optional.empty(), 3);
        ProfilePage second = search.search(account, "", first.next(), 3);

        assertThat(ids(first)).containsExactly(mason.id(), zoe.id(), sara.id());
        assertThat(ids(second)).containsExactly(sarah.id());
        assertThat(second.next()).isEmpty();
    }

    @Test
    void renamedProfilesAreFoundByTheirNewNameOnly() {
        profiles.upsert(account, new ProfileAttributes(new Identifiers("zoe@example.com", null, null, null), "Zora",
                null, null, null, null, null, null, null));

        assertThat(ids(search.search(account, "zora", Optional.empty(), 10))).containsExactly(zoe.id());
        assertThat(ids(search.search(account, "zoe", Optional.empty(), 10))).isEmpty();
        assertThat(ids(search.search(account, "mull", Optional.empty(), 10))).containsExactly(zoe.id());
    }

    private Profile person(String email, String phone, String externalId, String first, String last) {
        return profiles.upsert(account, new ProfileAttributes(new Identifiers(email, phone, externalId, null), first,
                last, null, null, null, null, null, null)).profile();
    }

    private static List<String> ids(ProfilePage page) {
        return page.profiles().stream().map(Profile::id).toList();
    }
}
