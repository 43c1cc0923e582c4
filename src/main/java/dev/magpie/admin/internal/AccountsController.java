package dev.magpie.admin.internal;

import java.util.List;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountUsage;
import dev.magpie.tenancy.AccountView;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every account of the installation with its usage, and suspending or resuming one. */
@Controller
class AccountsController {

    private final AccountDirectory accounts;

    AccountsController(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admin")
    String accounts(Model model) {
        List<AccountUsage> usage = accounts.usage();
        model.addAttribute("section", "accounts");
        model.addAttribute("accounts", usage);
        model.addAttribute("suspendedCount", usage.stream().filter(row -> row.account().suspended()).count());
        return "admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/suspend")
    String suspend(@PathVariable String id, RedirectAttributes redirect) {
        AccountView account = existing(id);
        accounts.suspend(id);
        return done(redirect, "admin.accounts.suspended", account);
    }

    @PostMapping("/admin/accounts/{id}/resume")
    String resume(@PathVariable String id, RedirectAttributes redirect) {
        AccountView account = existing(id);
        accounts.resume(id);
        return done(redirect, "admin.accounts.resumed", account);
    }

    private AccountView existing(String id) {
        return accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String done(RedirectAttributes redirect, String messageCode, AccountView account) {
        redirect.addFlashAttribute("flashCode", messageCode);
        redirect.addFlashAttribute("flashArg", account.name());
        return "redirect:/admin";
    }
}
