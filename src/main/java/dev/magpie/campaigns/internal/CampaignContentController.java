package dev.magpie.campaigns.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignStateException;
import dev.magpie.campaigns.CampaignTestSends;
import dev.magpie.campaigns.CampaignTestSends.TestSendException;
import dev.magpie.campaigns.internal.WizardSupport.Step;
import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.content.TemplateDirectory;
import dev.magpie.content.TemplateRenderer;
import dev.magpie.content.UnknownTemplateException;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.TenantContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaign wizard's content and test-send steps. Content: the template (one of the account's), the subject in
 * Liquid (refused with its line and column when it does not parse), preview text, sender and reply-to, with a
 * preview rendered for a profile of the account or a sample. Test send: the stored message, rendered for a chosen
 * profile or the sample, to any address, through the sending pipeline's real SMTP path ({@link CampaignTestSends}).
 */
@Controller
class CampaignContentController {

    /** Where the preview's unsubscribe link points: clearly nowhere. */
    static final String PREVIEW_UNSUBSCRIBE = "https://unsubscribe.invalid/preview";

    static final int MAX_SUBJECT = 998;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final CampaignCatalog catalog;

    private final WizardSupport wizard;

    private final TemplateDirectory templates;

    private final TemplateRenderer renderer;

    private final Profiles profiles;

    private final ObjectProvider<CampaignTestSends> testSends;

    private final TestSendLimit limit;

    CampaignContentController(CampaignCatalog catalog, WizardSupport wizard, TemplateDirectory templates,
            TemplateRenderer renderer, Profiles profiles, ObjectProvider<CampaignTestSends> testSends,
            TestSendLimit limit) {
        this.limit = limit;
        this.catalog = catalog;
        this.wizard = wizard;
        this.templates = templates;
        this.renderer = renderer;
        this.profiles = profiles;
        this.testSends = testSends;
    }

    /** What the content step's fields hold. */
    record ContentForm(String templateId, String subject, String previewText, String fromLabel, String fromEmail,
            String replyToEmail) {

        static ContentForm of(Campaign.Message message) {
            return message == null ? new ContentForm("", "", "", "", "", "")
                    : new ContentForm(orEmpty(message.templateId()), orEmpty(message.subject()),
                            orEmpty(message.previewText()), orEmpty(message.fromLabel()),
                            orEmpty(message.fromEmail()), orEmpty(message.replyToEmail()));
        }
    }

    @GetMapping("/campaigns/{id}/edit/content")
    String content(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model,
            RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        addContent(model, accountId, draft.get(), ContentForm.of(draft.get().message()), Map.of());
        return "campaigns/wizard-content";
    }

    @PostMapping("/campaigns/{id}/edit/content")
    String saveContent(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(defaultValue = "") String templateId, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String previewText, @RequestParam(defaultValue = "") String fromLabel,
            @RequestParam(defaultValue = "") String fromEmail, @RequestParam(defaultValue = "") String replyToEmail,
            Model model, RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        ContentForm form = new ContentForm(templateId.strip(), subject, previewText, fromLabel, fromEmail.strip(),
                replyToEmail.strip());
        Map<String, FieldError> errors = errors(accountId, form);
        if (!errors.isEmpty()) {
            addContent(model, accountId, draft.get(), form, errors);
            return "campaigns/wizard-content";
        }
        Campaign campaign = draft.get();
        String label = campaign.message() == null || campaign.message().label() == null ? campaign.name()
                : campaign.message().label();
        try {
            // The template first: one deleted since the check is refused before anything is stored
            catalog.assignTemplate(accountId, campaign.message().id(), blankToNull(form.templateId()));
            catalog.updateMessage(accountId, campaign.message().id(), new MessageContent(label,
                    blankToNull(form.subject()), blankToNull(form.previewText()), blankToNull(form.fromEmail()),
                    blankToNull(form.fromLabel()), blankToNull(form.replyToEmail())));
        }
        catch (UnknownReferenceException gone) {
            addContent(model, accountId, campaign, form,
                    Map.of("templateId", new FieldError("campaigns.wizard.content.template-unknown", null)));
            return "campaigns/wizard-content";
        }
        catch (CampaignStateException changed) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        return WizardSupport.redirect(id, Step.TEST);
    }

    /** The preview of what the content step holds now (saved or not), for the profile with this email or a sample. */
    @PostMapping("/campaigns/{id}/edit/content/preview")
    String preview(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(defaultValue = "") String templateId, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String previewEmail, Model model) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        wizard.campaign(accountId, id);
        String email = previewEmail.strip();
        Optional<Profile> chosen = email.isEmpty() ? Optional.empty()
                : profiles.findBy(accountId, IdentifierKind.EMAIL, email);
        model.addAttribute("previewFor", chosen.map(Profile::email).orElse(null));
        model.addAttribute("previewMissing", !email.isEmpty() && chosen.isEmpty() ? email : null);
        if (templateId.isBlank()) {
            model.addAttribute("previewProblem", "campaigns.wizard.preview.no-template");
            return "campaigns/wizard-content :: preview";
        }
        Optional<String> subjectProblem = subject.isBlank() ? Optional.empty() : renderer.subjectProblem(subject);
        if (subjectProblem.isPresent()) {
            model.addAttribute("previewProblem", "campaigns.wizard.preview.subject");
            model.addAttribute("previewDetail", subjectProblem.get());
            return "campaigns/wizard-content :: preview";
        }
        RenderContext context = RenderContext.of(chosen.orElseGet(CampaignContentController::sample),
                PREVIEW_UNSUBSCRIBE, null);
        try {
            RenderedMessage message = renderer.render(accountId, templateId, context);
            model.addAttribute("previewSubject", subject.isBlank() ? message.subject()
                    : renderer.renderSubject(accountId, subject, context));
            model.addAttribute("previewHtml", message.html());
        }
        catch (UnknownTemplateException unknown) {
            model.addAttribute("previewProblem", "campaigns.wizard.content.template-unknown");
        }
        return "campaigns/wizard-content :: preview";
    }

    // Test send

    @GetMapping("/campaigns/{id}/edit/test")
    String test(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model,
            RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        wizard.addSteps(model, draft.get(), Step.TEST);
        if (!model.containsAttribute("to")) {
            model.addAttribute("to", member.email());
        }
        if (!model.containsAttribute("profileEmail")) {
            model.addAttribute("profileEmail", "");
        }
        return "campaigns/wizard-test";
    }

    @PostMapping("/campaigns/{id}/edit/test")
    String sendTest(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String profileEmail,
            Model model, RedirectAttributes redirect) {
        WizardSupport.requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        Optional<Campaign> draft = wizard.draft(accountId, id);
        if (draft.isEmpty()) {
            return CampaignWizardController.notADraft(id, redirect);
        }
        String address = to.strip();
        String forEmail = profileEmail.strip();
        Optional<Profile> profile = forEmail.isEmpty() ? Optional.empty()
                : profiles.findBy(accountId, IdentifierKind.EMAIL, forEmail);
        String toError = address.isEmpty() ? "campaigns.wizard.test.to-required"
                : !EMAIL.matcher(address).matches() || address.length() > 320 ? "campaigns.wizard.test.to-invalid"
                        : null;
        String profileError = !forEmail.isEmpty() && profile.isEmpty() ? "campaigns.wizard.test.profile-missing"
                : null;
        String sendError = null;
        boolean unavailable = false;
        boolean limited = false;
        if (toError == null && profileError == null) {
            CampaignTestSends sender = testSends.getIfAvailable();
            if (sender == null) {
                unavailable = true;
            }
            else if (!limit.tryTake(accountId)) {
                limited = true;
            }
            else {
                try {
                    sender.send(accountId, id, profile.map(Profile::id).orElse(null), address);
                    redirect.addFlashAttribute("testSentTo", address);
                    redirect.addFlashAttribute("to", address);
                    redirect.addFlashAttribute("profileEmail", forEmail);
                    return WizardSupport.redirect(id, Step.TEST);
                }
                catch (TestSendException refused) {
                    sendError = refused.getMessage();
                }
            }
        }
        wizard.addSteps(model, draft.get(), Step.TEST);
        model.addAttribute("to", to);
        model.addAttribute("profileEmail", profileEmail);
        model.addAttribute("toError", toError);
        model.addAttribute("profileError", profileError);
        model.addAttribute("sendError", sendError);
        model.addAttribute("sendUnavailable", unavailable);
        model.addAttribute("sendLimited", limited);
        model.addAttribute("limit", TestSendLimit.PER_HOUR);
        return "campaigns/wizard-test";
    }

    private void addContent(Model model, String accountId, Campaign campaign, ContentForm form,
            Map<String, FieldError> errors) {
        wizard.addSteps(model, campaign, Step.CONTENT);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("templates", templates.all(accountId));
        AccountView account = wizard.account(accountId).orElse(null);
        model.addAttribute("defaultFromEmail", account == null ? "" : orEmpty(account.senderEmail()));
        model.addAttribute("defaultFromLabel", account == null ? "" : orEmpty(account.senderName()));
    }

    /** Every field's problem, by field name; empty when the form can be saved. */
    private Map<String, FieldError> errors(String accountId, ContentForm form) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (!form.templateId().isEmpty() && !renderer.exists(accountId, form.templateId())) {
            errors.put("templateId", new FieldError("campaigns.wizard.content.template-unknown", null));
        }
        if (form.subject().isBlank()) {
            errors.put("subject", new FieldError("campaigns.wizard.content.subject-required", null));
        }
        else if (form.subject().length() > MAX_SUBJECT) {
            errors.put("subject", new FieldError("campaigns.wizard.content.too-long", MAX_SUBJECT));
        }
        else {
            renderer.subjectProblem(form.subject())
                .ifPresent(problem -> errors.put("subject",
                        new FieldError("campaigns.wizard.content.subject-invalid", problem)));
        }
        if (form.previewText().length() > MAX_SUBJECT) {
            errors.put("previewText", new FieldError("campaigns.wizard.content.too-long", MAX_SUBJECT));
        }
        if (form.fromLabel().length() > 255) {
            errors.put("fromLabel", new FieldError("campaigns.wizard.content.too-long", 255));
        }
        checkAddress(errors, "fromEmail", form.fromEmail());
        checkAddress(errors, "replyToEmail", form.replyToEmail());
        return errors;
    }

    private static void checkAddress(Map<String, FieldError> errors, String field, String value) {
        if (!value.isEmpty() && (!EMAIL.matcher(value).matches() || value.length() > 320)) {
            errors.put(field, new FieldError("campaigns.wizard.content.address-invalid", value));
        }
    }

    /** A field's problem: a message code and its argument. */
    record FieldError(String code, Object argument) {
    }

    /** The preview's stand-in when no profile is chosen: plainly made up, as in the template editor. */
    static Profile sample() {
        return new Profile("sample", "jane.sample@example.com", null, null, null, "Jane", "Sample", null, null, null,
                new Location(null, null, "Springfield", "US", null, null, null, null, null),
                Map.of("favorite_category", "Teas"), Map.of(), java.time.Instant.EPOCH, java.time.Instant.EPOCH);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
