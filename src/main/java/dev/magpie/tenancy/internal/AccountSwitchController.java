package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.CurrentMember;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Lets a person who works for several stores switch between their accounts. */
@Controller
class AccountSwitchController {

    @PostMapping("/accounts/switch")
    String switchAccount(@RequestParam String accountId, @ModelAttribute("member") CurrentMember member,
            HttpSession session) {
        boolean isMember = member.accounts().stream().anyMatch(choice -> choice.id().equals(accountId));
        if (isMember) {
            session.setAttribute(CurrentAccountFilter.SESSION_ACCOUNT, accountId);
        }
        return "redirect:/";
    }

    @GetMapping(CurrentAccountFilter.NO_ACCOUNT_PATH)
    String noAccount() {
        return "tenancy/no-account";
    }
}
