package dev.magpie.audiences.internal.segments;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A segment's page: its definition in words, its exact size and when it was last evaluated, a progress bar that
 * polls while a full evaluation runs, its size over the last 90 days, and its members (paged, searchable); and the
 * confirmation page for deleting it. Creating and editing segments are the builder's pages.
 */
@Controller
class SegmentPageController {

    static final int PAGE_SIZE = 25;

    /** How far back the size chart looks. */
    static final int CHART_DAYS = 90;

    private final Segments segments;

    private final SegmentCatalog catalog;

    private final ConditionDescriptions descriptions;

    private final SegmentMemberPages memberPages;

    private final SegmentSizeHistory sizes;

    private final MessageSource messages;

    private final JsonMapper json;

    private final Clock clock;

    SegmentPageController(Segments segments, SegmentCatalog catalog, ConditionDescriptions descriptions,
            SegmentMemberPages memberPages, SegmentSizeHistory sizes, MessageSource messages, JsonMapper json,
            Clock clock) {
        this.segments = segments;
        this.catalog = catalog;
        this.descriptions = descriptions;
        this.memberPages = memberPages;
        this.sizes = sizes;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/segments/{id}")
    String segment(@PathVariable String id, @RequestParam(defaultValue = "") String q,
            @RequestParam Optional<String> after, Model model, Locale locale) {
        String accountId = TenantContext.requireAccountId();
        Segment segment = find(accountId, id);
        ZoneId zone = sizes.zone(accountId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        SizeChart chart = SizeChart.of(sizes.since(accountId, id, today.minusDays(CHART_DAYS - 1L)), today,
                messages.getMessage("segment-page.chart.members", null, locale));
        model.addAttribute("segment", SegmentView.of(segment, zone));
        model.addAttribute("definition", catalog.account(accountId).find(id)
            .map(compiled -> descriptions.describe(accountId, compiled.definition()))
            .orElse(List.of()));
        model.addAttribute("chart", chart);
        model.addAttribute("chartJson", json.writeValueAsString(chart));
        model.addAttribute("zone", zone);
        addMembers(model, accountId, id, q, after, zone);
        return "audiences/segment";
    }

    /** The members card alone, for the search box and the paging links (htmx). */
    @GetMapping("/segments/{id}/members")
    String members(@PathVariable String id, @RequestParam(defaultValue = "") String q,
            @RequestParam Optional<String> after, Model model) {
        String accountId = TenantContext.requireAccountId();
        Segment segment = find(accountId, id);
        ZoneId zone = sizes.zone(accountId);
        model.addAttribute("segment", SegmentView.of(segment, zone));
        addMembers(model, accountId, id, q, after, zone);
        return "audiences/segment-members :: members";
    }

    /**
     * The size and progress card, which polls itself here while a full evaluation runs. When the evaluation it
     * watched has finished ({@code watching}), the whole page reloads, so that members and chart are current too.
     */
    @GetMapping("/segments/{id}/progress")
    String progress(@PathVariable String id, @RequestParam(defaultValue = "false") boolean watching, Model model,
            HttpServletResponse response) {
        String accountId = TenantContext.requireAccountId();
        SegmentView segment = SegmentView.of(find(accountId, id), sizes.zone(accountId));
        if (watching && !segment.evaluating()) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("segment", segment);
        return "audiences/segment-summary :: summary";
    }

    @GetMapping("/segments/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        String accountId = TenantContext.requireAccountId();
        model.addAttribute("segment", SegmentView.of(find(accountId, id), sizes.zone(accountId)));
        return "audiences/segment-delete";
    }

    @PostMapping("/segments/{id}/delete")
    String delete(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            RedirectAttributes redirect) {
        if (member == null || !member.canWrite()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        if (!segments.delete(TenantContext.requireAccountId(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("flashCode", "segment-page.deleted");
        return "redirect:/segments";
    }

    private void addMembers(Model model, String accountId, String id, String q, Optional<String> after,
            ZoneId zone) {
        String query = q.strip();
        if (query.isEmpty()) {
            SegmentMemberPages.Page page = memberPages.page(accountId, id, after.filter(value -> !value.isBlank()),
                    PAGE_SIZE, zone);
            model.addAttribute("members", page.rows());
            model.addAttribute("next", page.next());
        }
        else {
            model.addAttribute("members", memberPages.search(accountId, id, query, zone));
            model.addAttribute("next", null);
        }
        model.addAttribute("query", query);
        model.addAttribute("paged", query.isEmpty() && after.filter(value -> !value.isBlank()).isPresent());
    }

    private Segment find(String accountId, String id) {
        return segments.find(accountId, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /**
     * A segment as its pages show it.
     *
     * @param percent how far the running full evaluation is, or {@code -1} before it has counted the profiles
     */
    record SegmentView(String id, String name, boolean evaluating, long members, ZonedDateTime lastEvaluated,
            long processed, long total, int percent) {

        static SegmentView of(Segment segment, ZoneId zone) {
            boolean evaluating = segment.status() == Segment.Status.EVALUATING;
            long total = segment.totalCount();
            int percent = total <= 0 ? -1 : (int) Math.min(100, segment.processedCount() * 100 / total);
            return new SegmentView(segment.id(), segment.name(), evaluating, segment.memberCount(),
                    segment.lastEvaluated() == null ? null : segment.lastEvaluated().atZone(zone),
                    segment.processedCount(), total, percent);
        }
    }
}
