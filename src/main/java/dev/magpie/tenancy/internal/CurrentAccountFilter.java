package dev.magpie.tenancy.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.magpie.tenancy.ApiKeyPrincipal;
import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.SignedInUser;
import dev.magpie.tenancy.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the current account for the rest of the request, after Spring Security has said who is calling:
 * the API key's account, or the account the signed-in person chose (kept in their session).
 */
@Component
@Order(0)
class CurrentAccountFilter extends OncePerRequestFilter {

    /** The session attribute holding the account a signed-in person works in. */
    static final String SESSION_ACCOUNT = "magpie.accountId";

    /** The request attribute holding the {@link CurrentMember} of a signed-in person. */
    static final String REQUEST_MEMBER = "magpie.member";

    private final MemberResolver members;

    CurrentAccountFilter(MemberResolver members) {
        this.members = members;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accountId = accountFor(request);
        if (accountId == null) {
            if (isSignedInPerson() && needsAccount(request)) {
                response.sendRedirect(request.getContextPath() + NO_ACCOUNT_PATH);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        MDC.put("tenant", accountId);
        try {
            TenantContext.runInAccount(accountId, () -> proceed(chain, request, response));
        }
        catch (UncheckedIOException wrapped) {
            throw wrapped.getCause();
        }
        catch (WrappedServletException wrapped) {
            throw wrapped.getCause();
        }
        finally {
            MDC.remove("tenant");
        }
    }

    /** Where a signed-in person without an active account is sent (all their accounts are suspended). */
    static final String NO_ACCOUNT_PATH = "/no-account";

    private static boolean isSignedInPerson() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser;
    }

    private static boolean needsAccount(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(NO_ACCOUNT_PATH) || path.equals("/signout") || path.startsWith("/invitations/")
                || path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/error")
                || path.startsWith("/admin") || path.startsWith("/actuator"));
    }

    private String accountFor(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return null;
        }
        if (authentication.getPrincipal() instanceof ApiKeyPrincipal key) {
            return key.accountId();
        }
        if (authentication.getPrincipal() instanceof SignedInUser user) {
            HttpSession session = request.getSession(false);
            String preferred = session == null ? null : (String) session.getAttribute(SESSION_ACCOUNT);
            return members.resolve(user, preferred).map(member -> {
                request.setAttribute(REQUEST_MEMBER, member);
                if (session != null && !member.accountId().equals(preferred)) {
                    session.setAttribute(SESSION_ACCOUNT, member.accountId());
                }
                return member.accountId();
            }).orElse(null);
        }
        return null;
    }

    private static void proceed(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (ServletException e) {
            throw new WrappedServletException(e);
        }
    }

    private static final class WrappedServletException extends RuntimeException {

        WrappedServletException(ServletException cause) {
            super(cause);
        }

        @Override
        public synchronized ServletException getCause() {
            return (ServletException) super.getCause();
        }
    }
}
