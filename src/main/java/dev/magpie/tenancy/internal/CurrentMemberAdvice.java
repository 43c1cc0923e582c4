package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.CurrentMember;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in member into every page's model, for the navigation and the account switcher. */
@ControllerAdvice
class CurrentMemberAdvice {

    @ModelAttribute("member")
    CurrentMember member(HttpServletRequest request) {
        return (CurrentMember) request.getAttribute(CurrentAccountFilter.REQUEST_MEMBER);
    }
}
