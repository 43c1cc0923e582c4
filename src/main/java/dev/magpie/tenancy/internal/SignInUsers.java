package dev.magpie.tenancy.internal;

import java.time.Clock;

import dev.magpie.tenancy.SignedInUser;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Looks people up by email for the sign-in form, and remembers when they last signed in. */
@Service
class SignInUsers implements UserDetailsService {

    private final UserRepository users;

    private final Clock clock;

    SignInUsers(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public SignedInUser loadUserByUsername(String email) {
        return users.findByEmailIgnoreCase(AccountRegistrar.normalizeEmail(email))
                .map(user -> new SignedInUser(user.id(), user.email(), user.name(), user.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    @EventListener
    @Transactional
    void signedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof SignedInUser user) {
            users.findById(user.userId()).ifPresent(found -> found.signedIn(clock.instant()));
        }
    }
}
