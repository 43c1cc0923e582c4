package dev.magpie.tenancy.internal;

import java.util.Locale;
import java.util.Optional;

import dev.magpie.tenancy.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page an emailed invitation links to. A person new to Magpie chooses a name and password here; a
 * person with a login signs in first (and comes back here) and accepts with one click.
 */
@Controller
@RequestMapping("/invitations/{token}")
class InvitationController {

    private static final String VIEW = "tenancy/invitation";

    /** What the page offers, depending on who opened the link. */
    enum Step {
        /** The link is unknown, expired, revoked or used. */
        INVALID,
        /** Signed in as the invited person: one click joins. */
        ACCEPT,
        /** Signed in as somebody else: they must sign out first. */
        OTHER_PERSON,
        /** The invited email has a login: sign in to accept. */
        SIGN_IN,
        /** Nobody has this email yet: choose a name and password. */
        NEW_USER
    }

    private final InvitationAcceptance acceptance;

    private final SessionSignIn sessionSignIn;

    private final MessageSource messages;

    private final RequestCache requestCache = new HttpSessionRequestCache();

    InvitationController(InvitationAcceptance acceptance, SessionSignIn sessionSignIn, MessageSource messages) {
        this.acceptance = acceptance;
        this.sessionSignIn = sessionSignIn;
        this.messages = messages;
    }

    @GetMapping
    String show(@PathVariable String token, @AuthenticationPrincipal SignedInUser user, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<InvitationAcceptance.PendingInvitation> found = acceptance.find(token);
        if (found.isEmpty()) {
            return step(model, Step.INVALID, null, token);
        }
        InvitationAcceptance.PendingInvitation invitation = found.get();
        if (user != null) {
            model.addAttribute("signedInEmail", user.email());
            return step(model, user.email().equalsIgnoreCase(invitation.email()) ? Step.ACCEPT : Step.OTHER_PERSON,
                    invitation, token);
        }
        if (invitation.emailHasLogin()) {
            // Brings the person back to this page once they have signed in.
            requestCache.saveRequest(request, response);
            return step(model, Step.SIGN_IN, invitation, token);
        }
        model.addAttribute("form", NewMemberForm.empty());
        return step(model, Step.NEW_USER, invitation, token);
    }

    @PostMapping("/accept")
    String accept(@PathVariable String token, @AuthenticationPrincipal SignedInUser user, Model model,
            HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
        if (user == null) {
            return "redirect:/invitations/" + token;
        }
        Optional<InvitationAcceptance.PendingInvitation> invitation = acceptance.find(token);
        String accountId;
        try {
            accountId = acceptance.acceptAsExistingUser(token, user.userId());
        }
        catch (TenancyException refused) {
            model.addAttribute("signedInEmail", user.email());
            return step(model, invitation.isPresent() ? Step.OTHER_PERSON : Step.INVALID, invitation.orElse(null),
                    token);
        }
        return joined(accountId, invitation.map(InvitationAcceptance.PendingInvitation::accountName).orElse(""),
                request, redirect, locale);
    }

    @PostMapping
    String acceptAsNewUser(@PathVariable String token, @AuthenticationPrincipal SignedInUser user,
            @Valid @ModelAttribute("form") NewMemberForm form, BindingResult errors, Model model,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        if (user != null) {
            return "redirect:/invitations/" + token;
        }
        Optional<InvitationAcceptance.PendingInvitation> invitation = acceptance.find(token);
        if (invitation.isEmpty()) {
            return step(model, Step.INVALID, null, token);
        }
        if (errors.hasErrors()) {
            return step(model, Step.NEW_USER, invitation.get(), token);
        }
        InvitationAcceptance.Accepted accepted;
        try {
            accepted = acceptance.acceptAsNewUser(token, form.name(), form.password());
        }
        catch (TenancyException refused) {
            // Someone created a login with this email in the meantime, or the invitation went away.
            return show(token, null, model, request, response);
        }
        sessionSignIn.signIn(accepted.email(), request, response);
        return joined(accepted.accountId(), invitation.get().accountName(), request, redirect, locale);
    }

    /** The person works in the account they just joined from now on. */
    private String joined(String accountId, String accountName, HttpServletRequest request,
            RedirectAttributes redirect, Locale locale) {
        request.getSession().setAttribute(CurrentAccountFilter.SESSION_ACCOUNT, accountId);
        redirect.addFlashAttribute("flash",
                messages.getMessage("invitation.joined", new Object[] { accountName }, locale));
        return "redirect:/";
    }

    private static String step(Model model, Step step, InvitationAcceptance.PendingInvitation invitation,
            String token) {
        model.addAttribute("step", step.name());
        model.addAttribute("invitation", invitation);
        model.addAttribute("token", token);
        return VIEW;
    }
}
