package dev.magpie.campaigns.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignAudience;
import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.TenantContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The marketer's campaign pages: every campaign with its status, and one campaign's settings, message and
 * recipient estimate, which a writer can compute again. Another account's campaign, like an unknown one, is a 404.
 */
@Controller
class CampaignPagesController {

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
        .ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.ROOT);

    private final CampaignCatalog catalog;

    private final CampaignAudience audience;

    private final ListDirectory lists;

    CampaignPagesController(CampaignCatalog catalog, CampaignAudience audience, ListDirectory lists) {
        this.catalog = catalog;
        this.audience = audience;
        this.lists = lists;
    }

    @GetMapping("/campaigns")
    String index(Model model) {
        model.addAttribute("campaigns", catalog.all(TenantContext.requireAccountId()).stream()
            .map(campaign -> new Row(campaign.id(), campaign.name(), campaign.status().label(),
                    utc(campaign.updated())))
            .toList());
        return "campaigns/campaigns";
    }

    @GetMapping("/campaigns/{id}")
    String campaign(@PathVariable String id, Model model) {
        String accountId = TenantContext.requireAccountId();
        Campaign campaign = find(accountId, id);
        // Lists are shown by name; a segment (or an audience deleted since) by its id.
        Map<String, String> listNames = lists.all(accountId).stream()
            .collect(Collectors.toMap(ListDirectory.ListSummary::id, ListDirectory.ListSummary::name));
        model.addAttribute("campaign", campaign);
        model.addAttribute("included", names(campaign.included(), listNames));
        model.addAttribute("excluded", names(campaign.excluded(), listNames));
        model.addAttribute("sendAt", utc(campaign.sendAt()));
        catalog.estimate(accountId, id).ifPresent(estimate -> {
            model.addAttribute("estimate", estimate.recipients());
            model.addAttribute("estimatedAt", utc(estimate.at()));
        });
        return "campaigns/campaign";
    }

    @PostMapping("/campaigns/{id}/estimate")
    String estimate(@PathVariable String id, @ModelAttribute("member") CurrentMember member) {
        if (member == null || !member.canWrite()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        audience.estimate(accountId, id);
        return "redirect:/campaigns/" + id;
    }

    private Campaign find(String accountId, String id) {
        return catalog.find(accountId, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Times are shown in UTC, as the API gives them. */
    private static String utc(java.time.Instant time) {
        return time == null ? "" : TIME.format(time.atOffset(java.time.ZoneOffset.UTC));
    }

    /** A campaign as the list shows it. */
    record Row(String id, String name, String status, String updated) {
    }

    private static List<String> names(List<String> ids, Map<String, String> listNames) {
        return ids.stream().map(id -> listNames.getOrDefault(id, id)).toList();
    }
}
