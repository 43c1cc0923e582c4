package dev.magpie.campaigns.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.SegmentDirectory;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignAudience;
import dev.magpie.campaigns.CampaignStateException;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.campaigns.internal.WizardSupport.Step;
import dev.magpie.content.TemplateDirectory;
import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.TenantContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaign wizard's schedule and review steps. Schedule: send when sent, at a date and time in the account's
 * time zone, or at that date and time in each recipient's own zone; optionally spread over some hours; smart
 * sending on or off with its window. Review: everything on one page with a link to each step, the recipient count
 * and what would stop or surprise the send, then Send or Schedule — the same path as the API's send job.
 */
@Controller
class CampaignScheduleController {

    static final String NOW = "now";

    static final String AT = "at";

    static final String LOCAL = "local";

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final CampaignCatalog catalog;

    private final WizardSupport wizard;

    private final CampaignAudience audience;

    private final ListDirectory lists;

    private final SegmentDirectory segments;

    private final TemplateDirectory templates;

    private final Clock clock;

    CampaignScheduleController(CampaignCatalog catalog, WizardSupport wizard, CampaignAudience audience,
            ListDirectory lists, SegmentDirectory segments, TemplateDirectory templates, Clock clock) {
        this.catalog = catalog;
        this.wizard = wizard;
        this.audience = audience;
        this.lists = lists;
        this.segments = segments;
        this.templates = templates;
        this.clock = clock;
    }

    /** What the schedule step's fields hold. */
    record ScheduleForm(String timing, String date, String time, boolean throttle, String throttleHours,
            boolean smartSending, String smartSendingHours) {

        static ScheduleForm of(Campaign campaign, ZoneId zone) {
            String timing = switch (campaign.sendStrategy()) {
                case IMMEDIATE -> NOW;
                case STATIC -> AT;
                case LOCAL -> LOCAL;
            };
            // A local send time's wall clock is stored as if it were UTC (see Campaign.sendAt)
            LocalDateTime at = campaign.sendAt() == null ? null
                    : LocalDateTime.ofInstant(campaign.sendAt(),
                            campaign.sendStrategy() == SendStrategy.LOCAL ? ZoneOffset.UTC : zone);
            return new ScheduleForm(timing, at == null ? "" : at.toLocalDate().toString(),
                    at == null ? "" : at.toLocalTime().withSecond(0).withNano(0).toString(),
                    campaign.throttleHours() != null,
                    campaign.throttleHours() == null ? "" : String.valueOf(campaign.throttleHours()),
                    campaign.smartSending(), String.valueOf(campaign.smartSendingHours()));
        }
    }

    @GetMapping("/campaigns/{id}/edit/schedule")
    String schedule(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model,
            RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        ZoneId zone = wizard.zone(accountId);
        addSchedule(model, draft.get(), zone, ScheduleForm.of(draft.get(), zone), Map.of());
        return "campaigns/wizard-schedule";
    }

    @PostMapping("/campaigns/{id}/edit/schedule")
    String saveSchedule(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(defaultValue = NOW) String timing, @RequestParam(defaultValue = "") String date,
            @RequestParam(defaultValue = "") String time, @RequestParam(defaultValue = "false") boolean throttle,
            @RequestParam(defaultValue = "") String throttleHours,
            @RequestParam(defaultValue = "false") boolean smartSending,
            @RequestParam(defaultValue = "") String smartSendingHours, Model model, RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        Campaign campaign = draft.get();
        ZoneId zone = wizard.zone(accountId);
        ScheduleForm form = new ScheduleForm(timing, date.strip(), time.strip(), throttle, throttleHours.strip(),
                smartSending, smartSendingHours.strip());
        Map<String, String> errors = new LinkedHashMap<>();
        SendStrategy strategy = switch (timing) {
            case AT -> SendStrategy.STATIC;
            case LOCAL -> SendStrategy.LOCAL;
            case NOW -> SendStrategy.IMMEDIATE;
            default -> {
                errors.put("timing", "campaigns.wizard.schedule.timing-required");
                yield SendStrategy.IMMEDIATE;
            }
        };
        Instant sendAt = null;
        if (strategy != SendStrategy.IMMEDIATE) {
            sendAt = sendAt(form, strategy, zone, errors);
        }
        Integer throttleValue = throttle ? hours(form.throttleHours(), "throttleHours", errors) : null;
        // Hours typed while smart sending is off are not asked for: the stored window is kept
        int smartHours = campaign.smartSendingHours();
        if (smartSending) {
            Integer hours = hours(form.smartSendingHours(), "smartSendingHours", errors);
            smartHours = hours == null ? smartHours : hours;
        }
        if (!errors.isEmpty()) {
            addSchedule(model, campaign, zone, form, errors);
            return "campaigns/wizard-schedule";
        }
        try {
            catalog.update(accountId, id, new CampaignSettings(campaign.name(), campaign.included(),
                    campaign.excluded(), strategy, sendAt, throttleValue, smartSending, smartHours));
        }
        catch (CampaignStateException changed) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        return WizardSupport.redirect(id, Step.REVIEW);
    }

    @GetMapping("/campaigns/{id}/edit/review")
    String review(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model,
            RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        addReview(model, accountId, draft.get());
        return "campaigns/wizard-review";
    }

    /** Sends or schedules the draft, as the API's send job does; what is missing is said next to the button. */
    @PostMapping("/campaigns/{id}/edit/send")
    String send(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model,
            RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        Campaign sent;
        try {
            sent = catalog.send(accountId, id);
        }
        catch (CampaignCatalog.NotReadyException | CampaignStateException refused) {
            addReview(model, accountId, wizard.campaign(accountId, id));
            model.addAttribute("sendError", refused.getMessage());
            return "campaigns/wizard-review";
        }
        boolean later = sent.sendTime() != null && sent.sendTime().isAfter(clock.instant());
        redirect.addFlashAttribute("flashCode", later ? "campaigns.wizard.scheduled" : "campaigns.wizard.sent");
        return "redirect:/campaigns/" + id;
    }

    private void addSchedule(Model model, Campaign campaign, ZoneId zone, ScheduleForm form,
            Map<String, String> errors) {
        wizard.addSteps(model, campaign, Step.SCHEDULE);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", zone.getId());
    }

    private void addReview(Model model, String accountId, Campaign campaign) {
        wizard.addSteps(model, campaign, Step.REVIEW);
        ZoneId zone = wizard.zone(accountId);
        Map<String, String> names = lists.all(accountId).stream()
            .collect(Collectors.toMap(ListDirectory.ListSummary::id, ListDirectory.ListSummary::name, (a, b) -> a,
                    LinkedHashMap::new));
        segments.all(accountId).forEach(segment -> names.putIfAbsent(segment.id(), segment.name()));
        model.addAttribute("included", campaign.included().stream().map(i -> names.getOrDefault(i, i)).toList());
        model.addAttribute("excluded", campaign.excluded().stream().map(i -> names.getOrDefault(i, i)).toList());
        long recipients = campaign.included().isEmpty() ? 0 : audience.estimate(accountId, campaign.id());
        model.addAttribute("recipients", recipients);
        Campaign.Message message = campaign.message();
        String templateId = message == null ? null : message.templateId();
        String templateName = templateId == null ? null : templates.all(accountId).stream()
            .filter(template -> template.id().equals(templateId)).map(TemplateDirectory.TemplateSummary::name)
            .findFirst().orElse(null);
        model.addAttribute("templateName", templateName);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("sendAt", campaign.sendAt() == null ? null
                : SHOWN.format(LocalDateTime.ofInstant(campaign.sendAt(),
                        campaign.sendStrategy() == SendStrategy.LOCAL ? ZoneOffset.UTC : zone)));
        List<String> warnings = new ArrayList<>();
        if (campaign.included().isEmpty()) {
            warnings.add("campaigns.wizard.review.warn.no-audience");
        }
        else if (recipients == 0) {
            warnings.add("campaigns.wizard.review.warn.no-recipients");
        }
        if (templateName == null) {
            warnings.add("campaigns.wizard.review.warn.no-template");
        }
        if (message == null || message.subject() == null || message.subject().isBlank()) {
            warnings.add("campaigns.wizard.review.warn.no-subject");
        }
        boolean later = campaign.sendStrategy() != SendStrategy.IMMEDIATE && campaign.sendAt() != null
                && campaign.sendAt().isAfter(clock.instant());
        if (campaign.sendStrategy() == SendStrategy.STATIC && !later) {
            warnings.add("campaigns.wizard.review.warn.past");
        }
        model.addAttribute("warnings", warnings);
        model.addAttribute("later", later);
        model.addAttribute("draft", campaign.status() == CampaignStatus.DRAFT);
    }

    /** The send time of a timed strategy, or null with the error recorded. */
    private Instant sendAt(ScheduleForm form, SendStrategy strategy, ZoneId zone, Map<String, String> errors) {
        LocalDate day;
        LocalTime at;
        try {
            day = LocalDate.parse(form.date());
        }
        catch (DateTimeParseException invalid) {
            errors.put("date", "campaigns.wizard.schedule.date-required");
            return null;
        }
        try {
            at = LocalTime.parse(form.time());
        }
        catch (DateTimeParseException invalid) {
            errors.put("time", "campaigns.wizard.schedule.time-required");
            return null;
        }
        LocalDateTime wallClock = LocalDateTime.of(day, at);
        // A local send must still be to come where the account is; its instant is the wall clock read as UTC
        Instant inAccountZone = wallClock.atZone(zone).toInstant();
        if (!inAccountZone.isAfter(clock.instant())) {
            errors.put("date", "campaigns.wizard.schedule.past");
            return null;
        }
        return strategy == SendStrategy.LOCAL ? wallClock.toInstant(ZoneOffset.UTC) : inAccountZone;
    }

    private static Integer hours(String value, String field, Map<String, String> errors) {
        try {
            int hours = Integer.parseInt(value);
            if (hours >= 1 && hours <= 168) {
                return hours;
            }
        }
        catch (NumberFormatException notANumber) {
            // reported below
        }
        errors.put(field, "campaigns.wizard.schedule.hours");
        return null;
    }
}
