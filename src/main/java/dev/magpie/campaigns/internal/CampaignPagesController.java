package dev.magpie.campaigns.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.SegmentDirectory;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignAudience;
import dev.magpie.campaigns.CampaignDeliveries;
import dev.magpie.campaigns.CampaignStateException;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.TenantContext;
import org.springframework.beans.factory.ObjectProvider;
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
 * recipient estimate, which a writer can compute again; a writer sends a draft, and the page follows the send.
 * Another account's campaign, like an unknown one, is a 404.
 */
@Controller
class CampaignPagesController {

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
        .ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.ROOT);

    private final CampaignCatalog catalog;

    private final CampaignAudience audience;

    private final ListDirectory lists;

    private final SegmentDirectory segments;

    private final CampaignLaunchLedger launches;

    private final ObjectProvider<CampaignDeliveries> deliveries;

    private final SendRates rates;

    CampaignPagesController(CampaignCatalog catalog, CampaignAudience audience, ListDirectory lists,
            SegmentDirectory segments, CampaignLaunchLedger launches, ObjectProvider<CampaignDeliveries> deliveries,
            SendRates rates) {
        this.catalog = catalog;
        this.audience = audience;
        this.lists = lists;
        this.segments = segments;
        this.launches = launches;
        this.deliveries = deliveries;
        this.rates = rates;
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
        // Lists and segments are shown by name; an audience deleted since by its id.
        Map<String, String> listNames = lists.all(accountId).stream()
            .collect(Collectors.toMap(ListDirectory.ListSummary::id, ListDirectory.ListSummary::name));
        segments.all(accountId).forEach(segment -> listNames.putIfAbsent(segment.id(), segment.name()));
        model.addAttribute("campaign", campaign);
        model.addAttribute("included", names(campaign.included(), listNames));
        model.addAttribute("excluded", names(campaign.excluded(), listNames));
        model.addAttribute("sendAt", utc(campaign.sendAt()));
        catalog.estimate(accountId, id).ifPresent(estimate -> {
            model.addAttribute("estimate", estimate.recipients());
            model.addAttribute("estimatedAt", utc(estimate.at()));
        });
        model.addAttribute("progress", progress(accountId, campaign));
        return "campaigns/campaign";
    }

    /** The progress card alone, which the page polls while the campaign is sending. */
    @GetMapping("/campaigns/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        String accountId = TenantContext.requireAccountId();
        Campaign campaign = find(accountId, id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("progress", progress(accountId, campaign));
        return "campaigns/campaign :: progress";
    }

    /** Sends a draft now (or at its static send time); a draft that is not ready says why next to the button. */
    @PostMapping("/campaigns/{id}/send")
    String send(@PathVariable String id, @ModelAttribute("member") CurrentMember member, Model model) {
        if (member == null || !member.canWrite()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        try {
            catalog.send(accountId, id);
        }
        catch (CampaignCatalog.NotReadyException | CampaignStateException refused) {
            model.addAttribute("sendError", refused.getMessage());
            return campaign(id, model);
        }
        return "redirect:/campaigns/" + id;
    }

    private Progress progress(String accountId, Campaign campaign) {
        if (campaign.status() == CampaignStatus.DRAFT) {
            return null;
        }
        CampaignDeliveries.Counts counts = deliveries
            .getIfAvailable(() -> (account, id) -> CampaignDeliveries.Counts.NONE)
            .counts(accountId, campaign.id());
        boolean sending = campaign.status() == CampaignStatus.SENDING;
        long queued = launches.published(accountId, campaign.id());
        Pace pace = null;
        if (sending) {
            long settled = counts.sent() + counts.failed() + counts.skipped();
            // Until every job is published the estimate is the better total
            long total = Math.max(queued, catalog.estimate(accountId, campaign.id())
                .map(CampaignCatalog.Estimate::recipients)
                .orElse(0L));
            pace = rates.sample(campaign.id(), settled).map(perSecond -> Pace.of(perSecond, total - settled))
                .orElse(null);
        }
        return new Progress(queued, counts.sent(), counts.failed(), counts.skipped(),
                campaign.status() == CampaignStatus.SCHEDULED || sending,
                sending ? launches.resumesAt(accountId, campaign.id()).map(CampaignPagesController::utc).orElse(null)
                        : null,
                pace);
    }

    /**
     * How far a campaign's send has come.
     *
     * @param queued the send jobs published so far: the recipients it goes to once publishing is done
     * @param live whether it is still moving (the page then polls it)
     * @param resumesAt when a paused launch publishes again (a local-time send's next time zone, a throttled
     *        send's next slot), or {@code null}
     * @param pace how fast it goes now and how long the rest will take, or {@code null} while unknown
     */
    record Progress(long queued, long sent, long failed, long skipped, boolean live, String resumesAt, Pace pace) {
    }

    /**
     * Messages settled per second lately, and the minutes the rest will take at that rate ({@code null} when nothing
     * moves, or nothing is left).
     */
    record Pace(String perSecond, Long minutesLeft) {

        static Pace of(double perSecond, long left) {
            String rate = perSecond >= 10 ? String.valueOf(Math.round(perSecond))
                    : String.format(java.util.Locale.ROOT, "%.1f", perSecond);
            Long minutes = perSecond <= 0 || left <= 0 ? null : (long) Math.ceil(left / perSecond / 60);
            return new Pace(rate, minutes);
        }
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
