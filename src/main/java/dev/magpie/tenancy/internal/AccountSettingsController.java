package dev.magpie.tenancy.internal;

import java.time.ZoneId;
import java.util.List;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.CurrentMember;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account's settings page, for owners and admins. */
@Controller
@RequestMapping("/settings/account")
class AccountSettingsController {

    private static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private final AccountDirectory accounts;

    private final AccountSettingsEditor editor;

    AccountSettingsController(AccountDirectory accounts, AccountSettingsEditor editor) {
        this.accounts = accounts;
        this.editor = editor;
    }

    @GetMapping
    String settings(@ModelAttribute("member") CurrentMember member, Model model) {
        Permissions.requireAdministrator(member);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", AccountSettingsForm.of(accounts.find(member.accountId()).orElseThrow()));
        }
        model.addAttribute("timeZones", TIME_ZONES);
        return "tenancy/account-settings";
    }

    @PostMapping
    String save(@ModelAttribute("member") CurrentMember member, @Valid @ModelAttribute("form") AccountSettingsForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        Permissions.requireAdministrator(member);
        form.check(errors);
        if (errors.hasErrors()) {
            model.addAttribute("timeZones", TIME_ZONES);
            return "tenancy/account-settings";
        }
        editor.change(member.accountId(), form);
        redirect.addFlashAttribute("flashCode", "account-settings.saved");
        return "redirect:/settings/account";
    }
}
