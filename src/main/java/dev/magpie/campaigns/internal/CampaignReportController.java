package dev.magpie.campaigns.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignDeliveries;
import dev.magpie.campaigns.CampaignEngagement;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.tenancy.TenantContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign's report: who it went to and what became of the messages (from the module that delivers them), and
 * how recipients took it — opens, clicks, unsubscribes, clicks per link, opens and clicks over time (from the
 * module that tracks them). Rates are of delivered messages. A draft has no report; another account's campaign,
 * like an unknown one, is a 404.
 */
@Controller
class CampaignReportController {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00", Locale.ROOT);

    /** Gaps between hours are filled with zeros up to this many hours; a longer series shows its hours only. */
    private static final long MAX_FILLED_HOURS = 24 * 31;

    private final CampaignCatalog catalog;

    private final CampaignLaunchLedger launches;

    private final ObjectProvider<CampaignDeliveries> deliveries;

    private final ObjectProvider<CampaignEngagement> engagement;

    private final MessageSource messages;

    private final JsonMapper json;

    CampaignReportController(CampaignCatalog catalog, CampaignLaunchLedger launches,
            ObjectProvider<CampaignDeliveries> deliveries, ObjectProvider<CampaignEngagement> engagement,
            MessageSource messages, JsonMapper json) {
        this.catalog = catalog;
        this.launches = launches;
        this.deliveries = deliveries;
        this.engagement = engagement;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/campaigns/{id}/report")
    String report(@PathVariable String id, Model model, Locale locale) {
        String accountId = TenantContext.requireAccountId();
        Campaign campaign = catalog.find(accountId, id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (campaign.status() == CampaignStatus.DRAFT) {
            return "redirect:/campaigns/" + id;
        }
        CampaignDeliveries.Breakdown outcomes = deliveries
            .getIfAvailable(() -> (account, campaignId) -> CampaignDeliveries.Counts.NONE)
            .breakdown(accountId, id);
        CampaignEngagement.Engagement engaged = engagement
            .getIfAvailable(() -> (account, campaignId) -> CampaignEngagement.Engagement.NONE)
            .engagement(accountId, id);
        long delivered = outcomes.sent();
        model.addAttribute("campaign", campaign);
        model.addAttribute("recipients", launches.published(accountId, id));
        model.addAttribute("outcomes", outcomes);
        model.addAttribute("engagement", engaged);
        model.addAttribute("openRate", rate(engaged.uniqueOpens(), delivered));
        model.addAttribute("clickRate", rate(engaged.uniqueClicks(), delivered));
        model.addAttribute("unsubscribeRate", rate(engaged.unsubscribes(), delivered));
        model.addAttribute("links", engaged.links().stream()
            .map(link -> new LinkRow(link.url(), link.unique(), link.total(), rate(link.unique(), delivered)))
            .toList());
        model.addAttribute("chartJson", json.writeValueAsString(chart(engaged.hours(), locale)));
        model.addAttribute("chartEmpty", engaged.hours().isEmpty());
        return "campaigns/report";
    }

    /** One row of the click map. */
    record LinkRow(String url, long unique, long total, String rate) {
    }

    /** What the chart script draws: hour labels (UTC) and a series each of opens and clicks. */
    record Chart(List<String> hours, List<Long> opens, List<Long> clicks, String opensLabel, String clicksLabel) {
    }

    private Chart chart(List<CampaignEngagement.Hour> buckets, Locale locale) {
        List<CampaignEngagement.Hour> hours = filled(buckets);
        return new Chart(hours.stream().map(hour -> HOUR.format(hour.start().atOffset(ZoneOffset.UTC))).toList(),
                hours.stream().map(CampaignEngagement.Hour::opens).toList(),
                hours.stream().map(CampaignEngagement.Hour::clicks).toList(),
                messages.getMessage("campaign-report.chart.opens", null, locale),
                messages.getMessage("campaign-report.chart.clicks", null, locale));
    }

    /** The hours from the first to the last, those without hits as zeros, so the time axis is even. */
    static List<CampaignEngagement.Hour> filled(List<CampaignEngagement.Hour> buckets) {
        if (buckets.size() < 2) {
            return buckets;
        }
        Instant first = buckets.get(0).start();
        Instant last = buckets.get(buckets.size() - 1).start();
        if (Duration.between(first, last).toHours() > MAX_FILLED_HOURS) {
            return buckets;
        }
        List<CampaignEngagement.Hour> filled = new ArrayList<>();
        int next = 0;
        for (Instant hour = first; !hour.isAfter(last); hour = hour.plus(Duration.ofHours(1))) {
            if (next < buckets.size() && buckets.get(next).start().equals(hour)) {
                filled.add(buckets.get(next++));
            }
            else {
                filled.add(new CampaignEngagement.Hour(hour, 0, 0));
            }
        }
        return filled;
    }

    /** {@code part} of {@code whole} as a percentage with one decimal; a dash when nothing was delivered. */
    static String rate(long part, long whole) {
        return whole == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
