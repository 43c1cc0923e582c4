package dev.magpie.campaigns.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.SegmentDirectory;
import dev.magpie.audiences.SegmentMemberships;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignStateException;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.campaigns.internal.WizardSupport.Step;
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
 * The campaign wizard's name and audience steps: a new campaign starts as a draft named in the first step; the
 * second picks the lists and segments it goes to and those it leaves out, with a live count of the eligible
 * recipients computed exactly as a send would (without saving anything while the choice changes). Each step saves
 * the draft only when all it holds is valid, else shows the page again with what was entered and the message by
 * the field.
 */
@Controller
class CampaignWizardController {

    private final CampaignCatalog catalog;

    private final WizardSupport wizard;

    private final RecipientStream recipients;

    private final ListDirectory listDirectory;

    private final SegmentDirectory segmentDirectory;

    private final ListMemberships lists;

    private final SegmentMemberships segments;

    CampaignWizardController(CampaignCatalog catalog, WizardSupport wizard, RecipientStream recipients,
            ListDirectory listDirectory, SegmentDirectory segmentDirectory, ListMemberships lists,
            SegmentMemberships segments) {
        this.catalog = catalog;
        this.wizard = wizard;
        this.recipients = recipients;
        this.listDirectory = listDirectory;
        this.segmentDirectory = segmentDirectory;
        this.lists = lists;
        this.segments = segments;
    }

    // Name

    @GetMapping("/campaigns/new")
    String newCampaign(@ModelAttribute("member") CurrentMember member, Model model) {
        WizardSupport.requireWriter(member);
        model.addAttribute("name", "");
        return "campaigns/wizard-name";
    }

    @PostMapping("/campaigns/new")
    String create(@ModelAttribute("member") CurrentMember member, @RequestParam(defaultValue = "") String name,
            Model model) {
        WizardSupport.requireWriter(member);
        String error = nameError(name);
        if (error != null) {
            model.addAttribute("name", name);
            model.addAttribute("nameError", error);
            return "campaigns/wizard-name";
        }
        String accountId = TenantContext.requireAccountId();
        Campaign created = catalog.create(accountId, new CampaignSettings(name.strip(), List.of(), List.of(),
                SendStrategy.IMMEDIATE, null, null, true, CampaignSettings.DEFAULT_SMART_SENDING_HOURS),
                new MessageContent(name.strip(), null, null, null, null, null), null);
        return WizardSupport.redirect(created.id(), Step.AUDIENCE);
    }

    @GetMapping("/campaigns/{id}/edit/name")
    String name(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model,
            RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        Optional<Campaign> draft = wizard.draft(TenantContext.requireAccountId(), id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        wizard.addSteps(model, draft.get(), Step.NAME);
        model.addAttribute("name", draft.get().name());
        return "campaigns/wizard-name";
    }

    @PostMapping("/campaigns/{id}/edit/name")
    String rename(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(defaultValue = "") String name, Model model, RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return notADraft(id, redirect);
        }
        String error = nameError(name);
        if (error != null) {
            wizard.addSteps(model, draft.get(), Step.NAME);
            model.addAttribute("name", name);
            model.addAttribute("nameError", error);
            return "campaigns/wizard-name";
        }
        Campaign campaign = draft.get();
        try {
            catalog.update(accountId, id, new CampaignSettings(name.strip(), campaign.included(),
                    campaign.excluded(), campaign.sendStrategy(), campaign.sendAt(), campaign.throttleHours(),
                    campaign.smartSending(), campaign.smartSendingHours()));
        }
        catch (CampaignStateException changed) {
            return notADraft(id, redirect);
        }
        return WizardSupport.redirect(id, Step.AUDIENCE);
    }

    // Audience

    @GetMapping("/campaigns/{id}/edit/audience")
    String audience(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model,
            RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        addAudience(model, accountId, draft.get(), draft.get().included(), draft.get().excluded(), null);
        return "campaigns/wizard-audience";
    }

    @PostMapping("/campaigns/{id}/edit/audience")
    String saveAudience(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(required = false) List<String> included,
            @RequestParam(required = false) List<String> excluded, Model model, RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return notADraft(id, redirect);
        }
        List<String> in = WizardSupport.distinct(included);
        List<String> out = WizardSupport.distinct(excluded);
        AudienceError error = audienceError(accountId, in, out, true);
        if (error != null) {
            addAudience(model, accountId, draft.get(), in, out, error);
            return "campaigns/wizard-audience";
        }
        Campaign campaign = draft.get();
        try {
            catalog.update(accountId, id, new CampaignSettings(campaign.name(), in, out, campaign.sendStrategy(),
                    campaign.sendAt(), campaign.throttleHours(), campaign.smartSending(),
                    campaign.smartSendingHours()));
        }
        catch (UnknownReferenceException gone) {
            // Deleted between the check and the save
            addAudience(model, accountId, campaign, in, out, new AudienceError("campaigns.wizard.audience.gone",
                    null));
            return "campaigns/wizard-audience";
        }
        catch (CampaignStateException changed) {
            return notADraft(id, redirect);
        }
        return WizardSupport.redirect(id, Step.CONTENT);
    }

    /**
     * The live recipient count of the audiences chosen on the page, not saved: the members of the included ones,
     * each once, without the excluded ones, suppressed addresses and profiles without email-marketing consent.
     */
    @PostMapping("/campaigns/{id}/edit/audience/count")
    String count(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(required = false) List<String> included,
            @RequestParam(required = false) List<String> excluded, Model model) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        wizard.campaign(accountId, id);
        List<String> in = WizardSupport.distinct(included);
        List<String> out = WizardSupport.distinct(excluded);
        AudienceError error = audienceError(accountId, in, out, false);
        if (error != null) {
            model.addAttribute("countError", error);
        }
        else {
            model.addAttribute("count", in.isEmpty() ? 0L : recipients.count(accountId, in, out));
        }
        return "campaigns/wizard-audience :: count";
    }

    private void addAudience(Model model, String accountId, Campaign campaign, List<String> included,
            List<String> excluded, AudienceError error) {
        wizard.addSteps(model, campaign, Step.AUDIENCE);
        List<AudienceChoice> choices = new ArrayList<>();
        for (ListDirectory.ListSummary list : listDirectory.all(accountId)) {
            choices.add(new AudienceChoice(list.id(), list.name(), "list", included.contains(list.id()),
                    excluded.contains(list.id())));
        }
        for (SegmentDirectory.SegmentSummary segment : segmentDirectory.all(accountId)) {
            choices.add(new AudienceChoice(segment.id(), segment.name(), "segment",
                    included.contains(segment.id()), excluded.contains(segment.id())));
        }
        model.addAttribute("choices", choices);
        model.addAttribute("audienceError", error);
        if (error == null) {
            model.addAttribute("count", included.isEmpty() ? 0L : recipients.count(accountId, included, excluded));
        }
    }

    /** What is wrong with a choice of audiences, or null; {@code saving} also asks for one included at least. */
    private AudienceError audienceError(String accountId, List<String> included, List<String> excluded,
            boolean saving) {
        if (included.size() > CampaignRequests.MAX_AUDIENCES || excluded.size() > CampaignRequests.MAX_AUDIENCES) {
            return new AudienceError("campaigns.wizard.audience.too-many", CampaignRequests.MAX_AUDIENCES);
        }
        for (String audience : concat(included, excluded)) {
            if (!lists.exists(accountId, audience) && !segments.exists(accountId, audience)) {
                return new AudienceError("campaigns.wizard.audience.unknown", CampaignCatalog.shorten(audience));
            }
        }
        for (String audience : included) {
            if (excluded.contains(audience)) {
                return new AudienceError("campaigns.wizard.audience.both", null);
            }
        }
        if (saving && included.isEmpty()) {
            return new AudienceError("campaigns.wizard.audience.none", null);
        }
        return null;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String nameError(String name) {
        if (name.isBlank()) {
            return "campaigns.wizard.name.required";
        }
        if (name.strip().length() > CampaignRequests.MAX_NAME) {
            return "campaigns.wizard.name.too-long";
        }
        return null;
    }

    static String notADraft(String id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flashCode", "campaigns.wizard.not-draft");
        return WizardSupport.readOnly(id);
    }

    /** A list or segment offered in the pickers, and whether it is included or excluded now. */
    record AudienceChoice(String id, String name, String kind, boolean included, boolean excluded) {
    }

    /** Why a choice of audiences cannot be saved: a message code and its argument. */
    record AudienceError(String code, Object argument) {
    }
}
