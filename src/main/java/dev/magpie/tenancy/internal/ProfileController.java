package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.CurrentMember;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Your profile: every member, whatever their role, may change their own name and password. */
@Controller
@RequestMapping("/settings/profile")
class ProfileController {

    private static final String VIEW = "tenancy/profile";

    private final ProfileEditor editor;

    private final SessionSignIn sessionSignIn;

    ProfileController(ProfileEditor editor, SessionSignIn sessionSignIn) {
        this.editor = editor;
        this.sessionSignIn = sessionSignIn;
    }

    @GetMapping
    String profile(@ModelAttribute("member") CurrentMember member, Model model) {
        if (!model.containsAttribute("profileForm")) {
            model.addAttribute("profileForm", new ProfileForm(member.name()));
        }
        if (!model.containsAttribute("passwordForm")) {
            model.addAttribute("passwordForm", PasswordChangeForm.empty());
        }
        return VIEW;
    }

    @PostMapping
    String rename(@ModelAttribute("member") CurrentMember member,
            @Valid @ModelAttribute("profileForm") ProfileForm form, BindingResult errors, Model model,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return profile(member, model);
        }
        editor.rename(member.userId(), form.name());
        sessionSignIn.refresh(member.email(), request, response);
        redirect.addFlashAttribute("flashCode", "profile.saved");
        return "redirect:/settings/profile";
    }

    @PostMapping("/password")
    String changePassword(@ModelAttribute("member") CurrentMember member,
            @Valid @ModelAttribute("passwordForm") PasswordChangeForm form, BindingResult errors, Model model,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                editor.changePassword(member.userId(), form.currentPassword(), form.newPassword());
            }
            catch (TenancyException refused) {
                errors.rejectValue(refused.field(), refused.messageCode());
            }
        }
        if (errors.hasErrors()) {
            return profile(member, model);
        }
        sessionSignIn.refresh(member.email(), request, response);
        redirect.addFlashAttribute("flashCode", "profile.password-changed");
        return "redirect:/settings/profile";
    }
}
