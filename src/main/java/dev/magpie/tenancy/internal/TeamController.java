package dev.magpie.tenancy.internal;

import java.util.Locale;

import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.Role;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account's team, for owners and admins: who is in it, invitations, roles, removal. */
@Controller
@RequestMapping("/settings/team")
class TeamController {

    private static final Logger log = LoggerFactory.getLogger(TeamController.class);

    private static final String REDIRECT = "redirect:/settings/team";

    private final TeamRoster roster;

    private final TeamInviter inviter;

    private final MembershipEditor editor;

    private final MessageSource messages;

    TeamController(TeamRoster roster, TeamInviter inviter, MembershipEditor editor, MessageSource messages) {
        this.roster = roster;
        this.inviter = inviter;
        this.editor = editor;
        this.messages = messages;
    }

    @GetMapping
    String team(@ModelAttribute("member") CurrentMember member, Model model) {
        Permissions.requireAdministrator(member);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", InviteForm.empty());
        }
        model.addAttribute("members", roster.members());
        model.addAttribute("invitations", roster.pendingInvitations());
        model.addAttribute("grantableRoles", TeamRules.grantableBy(member.role()));
        model.addAttribute("canManageOwners", member.role() == Role.OWNER);
        return "tenancy/team";
    }

    @PostMapping("/invitations")
    String invite(@ModelAttribute("member") CurrentMember member, @Valid @ModelAttribute("form") InviteForm form,
            BindingResult errors, Model model, RedirectAttributes redirect, Locale locale) {
        Permissions.requireAdministrator(member);
        if (errors.hasErrors()) {
            return team(member, model);
        }
        String invited;
        try {
            invited = inviter.invite(member, form.email(), form.role());
        }
        catch (TenancyException refused) {
            errors.rejectValue(refused.field(), refused.messageCode());
            return team(member, model);
        }
        catch (MailException failed) {
            log.error("Could not send an invitation email", failed);
            errors.reject("team.error.mail-failed");
            return team(member, model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("team.invited", new Object[] { invited }, locale));
        return REDIRECT;
    }

    @PostMapping("/invitations/{id}/revoke")
    String revoke(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            RedirectAttributes redirect) {
        Permissions.requireAdministrator(member);
        if (!inviter.revoke(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("flashCode", "team.invitation-revoked");
        return REDIRECT;
    }

    @PostMapping("/members/{id}/role")
    String changeRole(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @RequestParam Role role, RedirectAttributes redirect, Locale locale) {
        Permissions.requireAdministrator(member);
        String changedUserId;
        try {
            changedUserId = editor.changeRole(member, id, role)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        catch (TenancyException refused) {
            redirect.addFlashAttribute("flashError", messages.getMessage(refused.messageCode(), null, locale));
            return REDIRECT;
        }
        redirect.addFlashAttribute("flashCode", "team.role-changed");
        // Someone who just gave up administering can no longer open the team page
        boolean steppedDown = changedUserId.equals(member.userId()) && !role.canAdminister();
        return steppedDown ? "redirect:/" : REDIRECT;
    }

    @PostMapping("/members/{id}/remove")
    String remove(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            RedirectAttributes redirect, Locale locale) {
        Permissions.requireAdministrator(member);
        String removedUserId;
        try {
            removedUserId = editor.remove(member, id)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        catch (TenancyException refused) {
            redirect.addFlashAttribute("flashError", messages.getMessage(refused.messageCode(), null, locale));
            return REDIRECT;
        }
        if (removedUserId.equals(member.userId())) {
            // They left: the next request puts them in another of their accounts, where they may not be an admin.
            redirect.addFlashAttribute("flashCode", "team.left");
            return "redirect:/";
        }
        redirect.addFlashAttribute("flashCode", "team.member-removed");
        return REDIRECT;
    }
}
