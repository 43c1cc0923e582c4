package dev.magpie.content.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.content.UnknownTemplateException;
import dev.magpie.content.internal.TemplateCatalog.TemplatePartException;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The marketer's template pages: every template, a new one from a starter or blank, and the editor: the code,
 * saved only when it parses (the error with its line and column next to the field, the text kept), and a live
 * preview rendered for a real profile of the account (found by email) or a sample one, in a desktop or
 * phone-width frame, with the plain-text part.
 */
@Controller
class TemplatePagesController {

    /** Where the preview's unsubscribe and preferences links point: clearly nowhere. */
    static final String PREVIEW_UNSUBSCRIBE = "https://unsubscribe.invalid/preview";

    static final String PREVIEW_PREFERENCES = "https://preferences.invalid/preview";

    private final TemplateCatalog catalog;

    private final StarterTemplates starters;

    private final LiquidTemplateRenderer renderer;

    private final Profiles profiles;

    private final AccountDirectory accounts;

    TemplatePagesController(TemplateCatalog catalog, StarterTemplates starters, LiquidTemplateRenderer renderer,
            Profiles profiles, AccountDirectory accounts) {
        this.catalog = catalog;
        this.starters = starters;
        this.renderer = renderer;
        this.profiles = profiles;
        this.accounts = accounts;
    }

    @GetMapping("/templates")
    String index(Model model) {
        addIndex(model, TenantContext.requireAccountId(), "", "welcome", null);
        return "content/templates";
    }

    @PostMapping("/templates")
    String create(@ModelAttribute("member") CurrentMember member, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String starter, Model model) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        String error = nameError(name);
        if (error != null) {
            addIndex(model, accountId, name, starter, error);
            return "content/templates";
        }
        TemplateContent content = starters.find(starter)
            .map(found -> new TemplateContent(found.subject(), found.html(), null))
            .orElse(new TemplateContent(null, BLANK, null));
        EmailTemplate template = catalog.create(accountId, name, content);
        return "redirect:/templates/" + template.id();
    }

    @GetMapping("/templates/{id}")
    String editor(@PathVariable String id, Model model) {
        String accountId = TenantContext.requireAccountId();
        EmailTemplate template = find(accountId, id);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new EditorForm(template.name(), template.subject(), template.html(),
                    template.text()));
        }
        addEditor(model, accountId, template);
        return "content/editor";
    }

    @PostMapping("/templates/{id}")
    String save(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String html, @RequestParam(defaultValue = "") String text, Model model,
            RedirectAttributes redirect) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        EmailTemplate template = find(accountId, id);
        EditorForm form = new EditorForm(name, subject, html, text);
        String nameError = nameError(name);
        if (nameError != null) {
            return editorWithError(model, accountId, template, form, "name", nameError, null);
        }
        try {
            catalog.update(accountId, id, name, new TemplateContent(subject, html, text));
        }
        catch (TemplatePartException invalid) {
            return editorWithError(model, accountId, template, form, invalid.part(), "templates.error.syntax",
                    invalid.syntax().describe());
        }
        catch (UnknownTemplateException gone) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("flashCode", "templates.saved");
        return "redirect:/templates/" + id;
    }

    /** The preview of what the editor holds now (saved or not), for the profile with this email, or a sample. */
    @PostMapping("/templates/{id}/preview")
    String preview(@PathVariable String id, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String html, @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "") String profileEmail, Model model) {
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        String email = profileEmail.strip();
        Optional<Profile> chosen = email.isEmpty() ? Optional.empty()
                : profiles.findBy(accountId, IdentifierKind.EMAIL, email);
        Profile profile = chosen.orElseGet(TemplatePagesController::sample);
        model.addAttribute("profileEmail", email);
        model.addAttribute("profileFound", chosen.isPresent());
        model.addAttribute("profileMissing", !email.isEmpty() && chosen.isEmpty());
        model.addAttribute("previewName", chosen.map(found -> found.email()).orElse(null));
        try {
            TemplateContent content = new TemplateContent(subject, html, text);
            TemplateCatalog.check(content);
            RenderedMessage message = renderer.preview(accountId, content,
                    new RenderContext(profile, sampleEvent(), PREVIEW_UNSUBSCRIBE, PREVIEW_PREFERENCES));
            model.addAttribute("message", message);
        }
        catch (TemplatePartException invalid) {
            model.addAttribute("previewError", invalid.syntax().describe());
            model.addAttribute("previewPart", invalid.part());
        }
        return "content/preview :: preview";
    }

    @GetMapping("/templates/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("template", TemplateRow.of(find(TenantContext.requireAccountId(), id), ZoneOffset.UTC));
        return "content/delete";
    }

    @PostMapping("/templates/{id}/delete")
    String delete(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            RedirectAttributes redirect) {
        requireWriter(member);
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        catalog.delete(accountId, id);
        redirect.addFlashAttribute("flashCode", "templates.deleted");
        return "redirect:/templates";
    }

    private String editorWithError(Model model, String accountId, EmailTemplate template, EditorForm form,
            String field, String code, String detail) {
        model.addAttribute("form", form);
        model.addAttribute("errorField", field);
        model.addAttribute("errorCode", code);
        model.addAttribute("errorDetail", detail);
        addEditor(model, accountId, template);
        return "content/editor";
    }

    private void addEditor(Model model, String accountId, EmailTemplate template) {
        ZoneId zone = zone(accountId);
        model.addAttribute("template", TemplateRow.of(template, zone));
        model.addAttribute("versions", catalog.versions(accountId, template.id()).stream()
            .map(version -> new VersionRow(version.version(), version.savedAt().atZone(zone)))
            .toList());
    }

    private void addIndex(Model model, String accountId, String name, String starter, String nameError) {
        ZoneId zone = zone(accountId);
        model.addAttribute("templates", catalog.all(accountId).stream().map(t -> TemplateRow.of(t, zone)).toList());
        model.addAttribute("starters", starters.all());
        model.addAttribute("name", name);
        model.addAttribute("starter", starter);
        model.addAttribute("nameError", nameError);
    }

    private ZoneId zone(String accountId) {
        try {
            return accounts.find(accountId).map(AccountView::timezone).map(ZoneId::of).orElse(ZoneOffset.UTC);
        }
        catch (DateTimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }

    private EmailTemplate find(String accountId, String id) {
        return catalog.find(accountId, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String nameError(String name) {
        if (name.isBlank()) {
            return "templates.error.name-required";
        }
        if (name.strip().length() > TemplateCatalog.MAX_NAME) {
            return "templates.error.name-too-long";
        }
        return null;
    }

    private static void requireWriter(CurrentMember member) {
        if (member == null || !member.canWrite()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /** The preview's stand-in when no profile is chosen: plainly made up. */
    static Profile sample() {
        return new Profile("sample", "jane.sample@example.com", null, null, null, "Jane", "Sample", null, null, null,
                new Location(null, null, "Springfield", "US", null, null, null, null, null),
                Map.of("favorite_category", "Teas"), Map.of(), Instant.EPOCH, Instant.EPOCH);
    }

    /** A sample triggering event, so that abandoned-cart style templates show their rows in the preview. */
    static Map<String, Object> sampleEvent() {
        return Map.of("items", List.of(Map.of("name", "Sample item", "quantity", 1, "price", "9.99")), "value",
                "9.99");
    }

    static final String BLANK = """
            <!DOCTYPE html>
            <html>
            <head>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            p { font-family: Helvetica, Arial, sans-serif; font-size: 16px; }
            </style>
            </head>
            <body>
            <p>Hi {{ first_name | default: "there" }},</p>
            <p></p>
            <p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>
            </body>
            </html>
            """;

    /** What the editor's fields hold. */
    record EditorForm(String name, String subject, String html, String text) {
    }

    /** A template in the index and the editor's header. */
    record TemplateRow(String id, String name, int version, ZonedDateTime updated) {

        static TemplateRow of(EmailTemplate template, ZoneId zone) {
            return new TemplateRow(template.id(), template.name(), template.version(),
                    template.updatedAt().atZone(zone));
        }
    }

    /** An earlier version in the editor's history. */
    record VersionRow(int version, ZonedDateTime savedAt) {
    }
}
