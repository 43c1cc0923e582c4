package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a person in from a page that proved who they are some other way (accepting an invitation), and
 * refreshes the signed-in person after they change their name or password.
 */
@Component
class SessionSignIn {

    private final SignInUsers users;

    private final SecurityContextRepository securityContexts = new HttpSessionSecurityContextRepository();

    SessionSignIn(SignInUsers users) {
        this.users = users;
    }

    /** Signs in the user with this email, in a new session id (against session fixation). */
    SignedInUser signIn(String email, HttpServletRequest request, HttpServletResponse response) {
        request.getSession();
        request.changeSessionId();
        return store(users.loadUserByUsername(email), request, response);
    }

    /** Replaces the signed-in person with their current record, so pages show their new name at once. */
    void refresh(String email, HttpServletRequest request, HttpServletResponse response) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.getPrincipal() instanceof SignedInUser) {
            store(users.loadUserByUsername(email), request, response);
        }
    }

    private SignedInUser store(SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        securityContexts.saveContext(context, request, response);
        return user;
    }
}
