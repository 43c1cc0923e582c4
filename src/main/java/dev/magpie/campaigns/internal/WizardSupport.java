package dev.magpie.campaigns.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.CurrentMember;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/**
 * What every step of the campaign wizard shares: the writer check, finding the account's draft (another account's
 * campaign is a 404 like an unknown one; a campaign that is no longer a draft is not edited but shown read-only),
 * the row of steps at the top, and the account's time zone.
 */
@Component
class WizardSupport {

    /** The wizard's steps, in order: the path segment under {@code /campaigns/{id}/edit/} and its label's code. */
    enum Step {
        NAME("name"), AUDIENCE("audience"), CONTENT("content"), TEST("test"), SCHEDULE("schedule"),
        REVIEW("review");

        private final String path;

        Step(String path) {
            this.path = path;
        }

        String path() {
            return path;
        }

        String labelCode() {
            return "campaigns.wizard.step." + path;
        }
    }

    /** One step in the row at the top of the wizard. */
    record StepLink(String path, String labelCode, int number, boolean current) {
    }

    private final CampaignCatalog catalog;

    private final AccountDirectory accounts;

    WizardSupport(CampaignCatalog catalog, AccountDirectory accounts) {
        this.catalog = catalog;
        this.accounts = accounts;
    }

    static void requireWriter(CurrentMember member) {
        if (member == null || !member.canWrite()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /** The account's campaign; 404 when it has none with this id. */
    Campaign campaign(String accountId, String id) {
        return catalog.find(accountId, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The account's campaign when it is a draft; empty when it exists but is not (the caller shows it read-only). */
    Optional<Campaign> draft(String accountId, String id) {
        Campaign campaign = campaign(accountId, id);
        return campaign.status() == CampaignStatus.DRAFT ? Optional.of(campaign) : Optional.empty();
    }

    /** Puts the campaign and the row of steps, {@code current} highlighted, on the page. */
    void addSteps(Model model, Campaign campaign, Step current) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("step", current.path());
        Step[] all = Step.values();
        model.addAttribute("steps", java.util.stream.IntStream.range(0, all.length)
            .mapToObj(i -> new StepLink(all[i].path(), all[i].labelCode(), i + 1, all[i] == current))
            .toList());
    }

    /** The account's time zone: what a "send at" date and time is read in. UTC when it has none or a bad one. */
    ZoneId zone(String accountId) {
        try {
            return accounts.find(accountId).map(AccountView::timezone).filter(zone -> !zone.isBlank())
                .map(ZoneId::of).orElse(ZoneOffset.UTC);
        }
        catch (DateTimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }

    /** The account's default sender, shown as the placeholder of the From fields. */
    Optional<AccountView> account(String accountId) {
        return accounts.find(accountId);
    }

    /** The path of a step of this campaign. */
    static String path(String campaignId, Step step) {
        return "/campaigns/" + campaignId + "/edit/" + step.path();
    }

    static String redirect(String campaignId, Step step) {
        return "redirect:" + path(campaignId, step);
    }

    /** A non-draft is shown, not edited. */
    static String readOnly(String campaignId) {
        return "redirect:/campaigns/" + campaignId;
    }

    static List<String> distinct(List<String> ids) {
        return ids == null ? List.of() : ids.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
    }
}
