package dev.magpie.deliverability.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.deliverability.Suppression;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.internal.SuppressionStore.Cursor;
import dev.magpie.deliverability.internal.SuppressionStore.Page;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's suppression list page: who may not be emailed, why, since when and what caused it, newest first,
 * paged and searchable by email; a marketer adds an address by hand (reason MANUAL) or lifts a suppression, which
 * does not subscribe anyone again.
 */
@Controller
class SuppressionPagesController {

    static final int PAGE_SIZE = 25;

    /** The source of suppressions added on this page. */
    static final String PAGE_SOURCE = "suppressions page";

    private final SuppressionStore store;

    private final SuppressionList suppressions;

    private final EmailAddresses addresses;

    private final Profiles profiles;

    private final AccountDirectory accounts;

    SuppressionPagesController(SuppressionStore store, SuppressionList suppressions, EmailAddresses addresses,
            Profiles profiles, AccountDirectory accounts) {
        this.store = store;
        this.suppressions = suppressions;
        this.addresses = addresses;
        this.profiles = profiles;
        this.accounts = accounts;
    }

    @GetMapping("/suppressions")
    String index(@RequestParam(defaultValue = "") String q, @RequestParam Optional<String> after, Model model) {
        addPage(model, TenantContext.requireAccountId(), q.strip(), after.flatMap(Cursor::decode), "", null);
        return "deliverability/suppressions";
    }

    @PostMapping("/suppressions")
    String add(@ModelAttribute("member") CurrentMember member, @RequestParam(defaultValue = "") String email,
            Model model, RedirectAttributes redirect) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        String error = null;
        if (email.isBlank()) {
            error = "suppressions.error.email-required";
        }
        else {
            try {
                addresses.normalise(email);
            }
            catch (IllegalArgumentException invalid) {
                error = "suppressions.error.email-invalid";
            }
        }
        if (error != null) {
            addPage(model, accountId, "", Optional.empty(), email, error);
            return "deliverability/suppressions";
        }
        boolean added = suppressions.suppress(accountId, email, SuppressionReason.MANUAL, PAGE_SOURCE,
                "Added by " + member.email());
        redirect.addFlashAttribute("flashCode", added ? "suppressions.added" : "suppressions.already");
        return "redirect:/suppressions";
    }

    @PostMapping("/suppressions/remove")
    String remove(@ModelAttribute("member") CurrentMember member, @RequestParam(defaultValue = "") String email,
            RedirectAttributes redirect) {
        requireWriter(member);
        // Only the current account's list is ever looked at: another account's address is simply not found here
        if (!suppressions.lift(TenantContext.requireAccountId(), email)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("flashCode", "suppressions.removed");
        return "redirect:/suppressions";
    }

    private void addPage(Model model, String accountId, String query, Optional<Cursor> after, String email,
            String emailError) {
        ZoneId zone = zone(accountId);
        List<Row> rows = new ArrayList<>();
        String next = null;
        if (query.isEmpty()) {
            Page page = store.page(accountId, after, PAGE_SIZE);
            page.suppressions().forEach(suppression -> rows.add(row(accountId, suppression, zone)));
            next = page.next().map(Cursor::encode).orElse(null);
        }
        else {
            suppressions.find(accountId, query).ifPresent(suppression -> rows.add(row(accountId, suppression, zone)));
        }
        model.addAttribute("suppressions", rows);
        model.addAttribute("query", query);
        model.addAttribute("next", next);
        model.addAttribute("paged", after.isPresent());
        model.addAttribute("email", email);
        model.addAttribute("emailError", emailError);
    }

    private Row row(String accountId, Suppression suppression, ZoneId zone) {
        // The profile is looked up now rather than stored: merges and deletions would leave a stored id stale
        String profileId = profiles.findBy(accountId, IdentifierKind.EMAIL, suppression.email())
            .map(Profile::id)
            .orElse(null);
        return new Row(suppression.email(), profileId, suppression.reason().name(), suppression.at().atZone(zone),
                suppression.source(), suppression.detail());
    }

    private ZoneId zone(String accountId) {
        try {
            return accounts.find(accountId).map(AccountView::timezone).map(ZoneId::of).orElse(ZoneOffset.UTC);
        }
        catch (DateTimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }

    private static void requireWriter(CurrentMember member) {
        if (member == null || !member.canWrite()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /** A suppression as the page shows it; {@code profileId} is {@code null} when no profile has the address. */
    record Row(String email, String profileId, String reason, ZonedDateTime at, String source, String detail) {
    }
}
