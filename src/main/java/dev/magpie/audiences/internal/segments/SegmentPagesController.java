package dev.magpie.audiences.internal.segments;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import dev.magpie.audiences.internal.segments.SegmentEstimator.Estimate;
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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The marketer's segment pages: every segment with its size, evaluation and sentence; and the builder, where a
 * segment is created or its definition changed, with the definition read back as a sentence and its size
 * estimated while it is edited. A refused draft comes back as it was, with the message next to the condition
 * field at fault.
 */
@Controller
class SegmentPagesController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Segments segments;

    private final SegmentCatalog catalog;

    private final SegmentPickers pickers;

    private final SegmentEstimator estimator;

    SegmentPagesController(Segments segments, SegmentCatalog catalog, SegmentPickers pickers,
            SegmentEstimator estimator) {
        this.segments = segments;
        this.catalog = catalog;
        this.pickers = pickers;
        this.estimator = estimator;
    }

    @GetMapping("/segments")
    String index(Model model) {
        String accountId = TenantContext.requireAccountId();
        ZoneId zone = catalog.zone(accountId);
        DefinitionSentence sentence = new DefinitionSentence(pickers.names(accountId), zone);
        List<SegmentRow> rows = segments.all(accountId).stream()
            .map(segment -> SegmentRow.of(segment, describe(sentence, segment, zone), zone))
            .toList();
        model.addAttribute("segments", rows);
        return "audiences/segments";
    }

    @GetMapping("/segments/new")
    String create(@ModelAttribute("member") CurrentMember member, Model model) {
        requireWriter(member);
        return builder(model, TenantContext.requireAccountId(), new SegmentDraft("", null, null), null, null, null);
    }

    @PostMapping("/segments/new")
    String save(@ModelAttribute("member") CurrentMember member, @ModelAttribute SegmentDraft draft, Model model,
            RedirectAttributes redirect) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        SegmentDraft fresh = new SegmentDraft(draft.name(), draft.definition(), null);
        String nameError = fresh.nameError();
        try {
            if (nameError == null) {
                segments.create(accountId, fresh.name().strip(), fresh.definitionJson(), false);
                redirect.addFlashAttribute("flashCode", "segments.created");
                return "redirect:/segments";
            }
            segments.check(accountId, null, fresh.definitionJson());
            return builder(model, accountId, fresh, nameError, null, null);
        }
        catch (DefinitionException refused) {
            return builder(model, accountId, fresh, nameError, refused.pointer(), refused.getMessage());
        }
    }

    @GetMapping("/segments/{id}/edit")
    String edit(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Segment segment = find(accountId, id);
        return builder(model, accountId, new SegmentDraft(segment.name(), segment.definition(), segment.id()), null,
                null, null);
    }

    @PostMapping("/segments/{id}/edit")
    String update(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @ModelAttribute SegmentDraft draft, Model model, RedirectAttributes redirect) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Segment segment = find(accountId, id);
        SegmentDraft edited = new SegmentDraft(draft.name(), draft.definition(), id);
        String nameError = edited.nameError();
        try {
            if (nameError == null) {
                // An unchanged definition is not evaluated again in full: a rename keeps the members
                JsonNode definition = edited.definitionJson();
                boolean changed = !definition.equals(new SegmentDraft(null, segment.definition(), id).definitionJson());
                segments.update(accountId, id, edited.name().strip(), changed ? definition : null, null);
                redirect.addFlashAttribute("flashCode", "segments.updated");
                return "redirect:/segments";
            }
            segments.check(accountId, id, edited.definitionJson());
            return builder(model, accountId, edited, nameError, null, null);
        }
        catch (DefinitionException refused) {
            return builder(model, accountId, edited, nameError, refused.pointer(), refused.getMessage());
        }
    }

    /** The draft read back as a sentence, or what stops it from being read (htmx, as the builder changes). */
    @PostMapping("/segments/preview/sentence")
    String sentence(@ModelAttribute SegmentDraft draft, Model model) {
        String accountId = TenantContext.requireAccountId();
        Preview preview = preview(accountId, draft);
        if (preview.definition() != null) {
            model.addAttribute("sentence", new DefinitionSentence(pickers.names(accountId),
                    catalog.zone(accountId)).describe(preview.definition()));
        }
        model.addAttribute("problem", preview.problem());
        return "audiences/segment-builder :: sentence";
    }

    /** The draft's estimated size (htmx, as the builder changes); nothing when the draft cannot be read. */
    @PostMapping("/segments/preview/estimate")
    String estimate(@ModelAttribute SegmentDraft draft, Model model) {
        String accountId = TenantContext.requireAccountId();
        Preview preview = preview(accountId, draft);
        Estimate estimate = preview.definition() == null ? null : estimator.estimate(accountId,
                preview.definition());
        model.addAttribute("estimate", estimate);
        return "audiences/segment-builder :: estimate";
    }

    /** The property names on a metric's latest events, for the builder's event-property picker. */
    @GetMapping("/segments/metric-properties")
    @ResponseBody
    List<String> metricProperties(@RequestParam("metric_id") String metricId) {
        return pickers.eventProperties(TenantContext.requireAccountId(), metricId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Preview preview(String accountId, SegmentDraft draft) {
        if (draft.segmentId() != null) {
            find(accountId, draft.segmentId());
        }
        try {
            return new Preview(segments.check(accountId, draft.segmentId(), draft.definitionJson()), null);
        }
        catch (DefinitionException refused) {
            return new Preview(null, refused.getMessage());
        }
    }

    private String builder(Model model, String accountId, SegmentDraft draft, String nameError, String errorPointer,
            String error) {
        model.addAttribute("draft", draft);
        model.addAttribute("pickersJson", JSON.writeValueAsString(pickers.pickers(accountId, draft.segmentId())));
        model.addAttribute("nameError", nameError);
        model.addAttribute("errorPointer", errorPointer);
        model.addAttribute("error", error);
        return "audiences/segment-builder";
    }

    private static String describe(DefinitionSentence sentence, Segment segment, ZoneId zone) {
        try {
            return sentence.describe(SegmentCatalog.compile(segment.id(), segment.name(), segment.definition(), zone)
                .definition());
        }
        catch (RuntimeException unreadable) {
            return null;
        }
    }

    private Segment find(String accountId, String id) {
        return segments.find(accountId, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static void requireWriter(CurrentMember member) {
        if (member == null || !member.canWrite()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /** A draft as the previews see it: parsed and checked, or why not. */
    private record Preview(SegmentDefinition definition, String problem) {
    }

    /** A segment in the index. */
    record SegmentRow(String id, String name, String sentence, boolean ready, long members, long processed,
            long total, ZonedDateTime lastEvaluated) {

        static SegmentRow of(Segment segment, String sentence, ZoneId zone) {
            return new SegmentRow(segment.id(), segment.name(), sentence,
                    segment.status() == Segment.Status.READY, segment.memberCount(), segment.processedCount(),
                    segment.totalCount(), segment.lastEvaluated() == null ? null
                            : segment.lastEvaluated().atZone(zone));
        }
    }
}
