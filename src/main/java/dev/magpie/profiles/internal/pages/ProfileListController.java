package dev.magpie.profiles.internal.pages;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.magpie.profiles.ProfileSearch;
import dev.magpie.profiles.ProfileSearch.ProfilePage;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.TenantContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account's profiles, newest first, a page at a time; or those matching a search by email, phone number,
 * external id or name. Each profile's own page is served by the activity module, which adds its timeline.
 */
@Controller
class ProfileListController {

    static final int PAGE_SIZE = 25;

    private final ProfileSearch search;

    private final AccountDirectory accounts;

    ProfileListController(ProfileSearch search, AccountDirectory accounts) {
        this.search = search;
        this.accounts = accounts;
    }

    @GetMapping("/profiles")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam Optional<String> after, Model model) {
        String accountId = TenantContext.requireAccountId();
        String query = q.trim();
        ProfilePage page = search.search(accountId, query, after.filter(id -> !id.isBlank()), PAGE_SIZE);
        model.addAttribute("query", query);
        ZoneId zone = zone(accountId);
        model.addAttribute("profiles", page.profiles().stream().map(profile -> ProfileRow.of(profile, zone)).toList());
        model.addAttribute("next", page.next().orElse(null));
        model.addAttribute("paged", after.isPresent());
        return "profiles/list";
    }

    private ZoneId zone(String accountId) {
        try {
            return accounts.find(accountId).map(AccountView::timezone).map(ZoneId::of).orElse(ZoneOffset.UTC);
        }
        catch (DateTimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }
}
