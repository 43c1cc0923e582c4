package dev.magpie.activity.internal.pages;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Metric;
import dev.magpie.tenancy.TenantContext;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/** The account's metrics, and each metric's daily count (and value) over the last 7, 30 or 90 days. */
@Controller
class MetricsController {

    static final List<Integer> RANGES = List.of(7, 30, 90);

    private final ActivityQueries activity;

    private final AccountFormats formats;

    private final MessageSource messages;

    private final JsonMapper json;

    MetricsController(ActivityQueries activity, AccountFormats formats, MessageSource messages, JsonMapper json) {
        this.activity = activity;
        this.formats = formats;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/metrics")
    String metrics(Model model) {
        String accountId = TenantContext.requireAccountId();
        ZoneId zone = formats.zone(accountId);
        List<MetricRow> metrics = activity.metrics(accountId)
            .stream()
            .sorted(Comparator.comparing(metric -> metric.name().toLowerCase(Locale.ROOT)))
            .map(metric -> MetricRow.of(metric, zone))
            .toList();
        model.addAttribute("metrics", metrics);
        return "activity/metrics";
    }

    @GetMapping("/metrics/{id}")
    String metric(@PathVariable String id, @RequestParam(defaultValue = "30") int days, Model model, Locale locale) {
        String accountId = TenantContext.requireAccountId();
        Metric metric = activity.metric(accountId, id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        int range = RANGES.contains(days) ? days : 30;
        ZoneId zone = formats.zone(accountId);
        LocalDate to = LocalDate.now(zone);
        String currency = formats.currency(accountId);
        MetricChart chart = MetricChart.of(activity.daily(accountId, id, to.minusDays(range - 1L), to, zone), currency,
                new MetricChart.Labels(messages.getMessage("metric.chart.count", null, locale),
                        messages.getMessage("metric.chart.value", null, locale)));
        model.addAttribute("metric", MetricRow.of(metric, zone));
        model.addAttribute("zone", zone);
        model.addAttribute("days", range);
        model.addAttribute("ranges", RANGES);
        model.addAttribute("chartJson", json.writeValueAsString(chart));
        model.addAttribute("totalCount", chart.totalCount());
        model.addAttribute("totalValue", AccountFormats.money(chart.totalValue(), currency));
        return "activity/metric";
    }
}
