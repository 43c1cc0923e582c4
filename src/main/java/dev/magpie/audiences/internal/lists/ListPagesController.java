package dev.magpie.audiences.internal.lists;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.internal.lists.ListMembersStore.MemberPage;
import dev.magpie.audiences.internal.lists.ListMembersStore.Membership;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.TenantContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The marketer's list pages: every list with its opt-in process and member count, and a list's own page with its
 * members (paged, searchable by email), where it is renamed or deleted and people are added or removed. Adding
 * someone here leaves their consent alone; subscribing is what signup paths do.
 */
@Controller
class ListPagesController {

    static final int PAGE_SIZE = 25;

    private final ListCatalog catalog;

    private final ListMembersStore members;

    private final ListRoster roster;

    private final Profiles profiles;

    private final AccountDirectory accounts;

    private final ListDirectory directory;

    ListPagesController(ListCatalog catalog, ListMembersStore members, ListRoster roster, Profiles profiles,
            AccountDirectory accounts, ListDirectory directory) {
        this.catalog = catalog;
        this.members = members;
        this.roster = roster;
        this.profiles = profiles;
        this.accounts = accounts;
        this.directory = directory;
    }

    /** The lists section of a profile's page, which the page loads from here (htmx). */
    @GetMapping("/profiles/{id}/lists")
    String profileLists(@PathVariable String id, Model model) {
        String accountId = TenantContext.requireAccountId();
        String profileId = profiles.find(accountId, id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
            .id();
        model.addAttribute("lists", directory.listsOf(accountId, profileId));
        return "audiences/profile-lists :: lists";
    }

    @GetMapping("/lists")
    String index(Model model) {
        addIndex(model, TenantContext.requireAccountId(), "", "SINGLE_OPT_IN", null);
        return "audiences/lists";
    }

    @PostMapping("/lists")
    String create(@ModelAttribute("member") CurrentMember member, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "SINGLE_OPT_IN") String optInProcess, Model model) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        String error = nameError(name);
        OptInProcess process = "DOUBLE_OPT_IN".equals(optInProcess) ? OptInProcess.DOUBLE_OPT_IN
                : OptInProcess.SINGLE_OPT_IN;
        if (error != null) {
            addIndex(model, accountId, name, process.name(), error);
            return "audiences/lists";
        }
        ListDefinition list = catalog.create(accountId, name, process);
        return "redirect:/lists/" + list.id();
    }

    @GetMapping("/lists/{id}")
    String list(@PathVariable String id, @RequestParam(defaultValue = "") String q,
            @RequestParam Optional<String> after, Model model) {
        String accountId = TenantContext.requireAccountId();
        ListDefinition list = find(accountId, id);
        String query = q.trim();
        ZoneId zone = zone(accountId);
        List<MemberRow> rows = new ArrayList<>();
        String next = null;
        if (query.isEmpty()) {
            MemberPage page = members.page(accountId, id, after.filter(value -> !value.isBlank()), PAGE_SIZE);
            for (Membership membership : page.members()) {
                profiles.find(accountId, membership.profileId())
                    .ifPresent(profile -> rows.add(MemberRow.of(profile, membership, zone)));
            }
            next = page.next().orElse(null);
        }
        else {
            profiles.findBy(accountId, IdentifierKind.EMAIL, query)
                .flatMap(profile -> members.find(accountId, id, profile.id()).map(membership -> MemberRow.of(profile,
                        membership, zone)))
                .ifPresent(rows::add);
        }
        model.addAttribute("list", ListView.of(list));
        model.addAttribute("count", members.count(accountId, id));
        model.addAttribute("members", rows);
        model.addAttribute("query", query);
        model.addAttribute("next", next);
        model.addAttribute("paged", after.isPresent());
        model.addAttribute("name", model.containsAttribute("name") ? model.getAttribute("name") : list.name());
        return "audiences/list";
    }

    @PostMapping("/lists/{id}/rename")
    String rename(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        String error = nameError(name);
        if (error != null) {
            redirect.addFlashAttribute("nameError", error);
            redirect.addFlashAttribute("name", name);
        }
        else {
            catalog.update(accountId, id, name, null);
            redirect.addFlashAttribute("flashCode", "lists.renamed");
        }
        return "redirect:/lists/" + id;
    }

    @GetMapping("/lists/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        String accountId = TenantContext.requireAccountId();
        model.addAttribute("list", ListView.of(find(accountId, id)));
        model.addAttribute("count", members.count(accountId, id));
        return "audiences/delete";
    }

    @PostMapping("/lists/{id}/delete")
    String delete(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            RedirectAttributes redirect) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        catalog.delete(accountId, id);
        redirect.addFlashAttribute("flashCode", "lists.deleted");
        return "redirect:/lists";
    }

    @PostMapping("/lists/{id}/members")
    String add(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(defaultValue = "") String email, RedirectAttributes redirect) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        if (email.isBlank()) {
            redirect.addFlashAttribute("emailError", "lists.error.email-required");
            return "redirect:/lists/" + id;
        }
        Profile profile;
        try {
            // Someone Magpie does not know yet gets a profile, with no consent: adding is not subscribing
            profile = profiles.findBy(accountId, IdentifierKind.EMAIL, email.trim())
                .orElseGet(() -> profiles.upsert(accountId,
                        ProfileAttributes.of(new Identifiers(email.trim(), null, null, null))).profile());
        }
        catch (InvalidProfileException invalid) {
            redirect.addFlashAttribute("emailError", "lists.error.email-invalid");
            redirect.addFlashAttribute("email", email);
            return "redirect:/lists/" + id;
        }
        roster.add(accountId, id, List.of(profile.id()));
        redirect.addFlashAttribute("flashCode", "lists.member-added");
        return "redirect:/lists/" + id;
    }

    @PostMapping("/lists/{id}/members/{profileId}/remove")
    String remove(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @PathVariable String profileId, RedirectAttributes redirect) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        roster.remove(accountId, id, List.of(profileId));
        redirect.addFlashAttribute("flashCode", "lists.member-removed");
        return "redirect:/lists/" + id;
    }

    private void addIndex(Model model, String accountId, String name, String optInProcess, String nameError) {
        List<ListRow> rows = catalog.all(accountId).stream()
            .map(list -> new ListRow(list.id(), list.name(), list.optInProcess().name(),
                    members.count(accountId, list.id())))
            .toList();
        model.addAttribute("lists", rows);
        model.addAttribute("name", name);
        model.addAttribute("optInProcess", optInProcess);
        model.addAttribute("nameError", nameError);
    }

    private ZoneId zone(String accountId) {
        try {
            return accounts.find(accountId).map(AccountView::timezone).map(ZoneId::of).orElse(ZoneOffset.UTC);
        }
        catch (DateTimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }

    private ListDefinition find(String accountId, String id) {
        return catalog.find(accountId, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String nameError(String name) {
        if (name.isBlank()) {
            return "lists.error.name-required";
        }
        if (name.strip().length() > ListCatalog.MAX_NAME) {
            return "lists.error.name-too-long";
        }
        return null;
    }

    private static void requireWriter(CurrentMember member) {
        if (member == null || !member.canWrite()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /** A list as its page shows it. */
    record ListView(String id, String name, String optInProcess) {

        static ListView of(ListDefinition list) {
            return new ListView(list.id(), list.name(), list.optInProcess().name());
        }
    }

    /** A list in the index. */
    record ListRow(String id, String name, String optInProcess, long members) {
    }

    /** A profile on the list page. */
    record MemberRow(String profileId, String email, String name, boolean confirmed, ZonedDateTime since) {

        static MemberRow of(Profile profile, Membership membership, ZoneId zone) {
            String name = String.join(" ", profile.firstName() == null ? "" : profile.firstName(),
                    profile.lastName() == null ? "" : profile.lastName()).strip();
            return new MemberRow(profile.id(), profile.email(), name.isEmpty() ? null : name, membership.confirmed(),
                    membership.since() == null ? null : membership.since().atZone(zone));
        }
    }
}
