package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.ApiScope;
import dev.magpie.tenancy.CurrentMember;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account's private API keys: create one (shown once), see when each was last used, revoke. */
@Controller
@RequestMapping("/settings/api-keys")
class ApiKeysController {

    private final ApiKeyIssuer keys;

    private final AccountDirectory accounts;

    ApiKeysController(ApiKeyIssuer keys, AccountDirectory accounts) {
        this.keys = keys;
        this.accounts = accounts;
    }

    @GetMapping
    String list(@ModelAttribute("member") CurrentMember member, Model model) {
        Permissions.requireAdministrator(member);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ApiKeyForm.fullAccess());
        }
        model.addAttribute("keys", keys.list());
        model.addAttribute("resources", ApiScope.RESOURCES);
        model.addAttribute("publicApiKey",
                accounts.find(member.accountId()).map(AccountView::publicApiKey).orElseThrow());
        return "tenancy/api-keys";
    }

    @PostMapping
    String create(@ModelAttribute("member") CurrentMember member, @Valid @ModelAttribute("form") ApiKeyForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        Permissions.requireAdministrator(member);
        if (form.scopes().isEmpty()) {
            errors.rejectValue("access", "api-keys.error.no-scope");
        }
        if (errors.hasErrors()) {
            return list(member, model);
        }
        ApiKeyIssuer.IssuedKey issued = keys.issue(form.name(), form.scopes(), member.userId());
        redirect.addFlashAttribute("newKey", issued.rawKey());
        redirect.addFlashAttribute("newKeyName", form.name().trim());
        return "redirect:/settings/api-keys";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            RedirectAttributes redirect) {
        Permissions.requireAdministrator(member);
        if (!keys.revoke(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("flashCode", "api-keys.revoked");
        return "redirect:/settings/api-keys";
    }
}
