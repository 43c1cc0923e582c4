package dev.magpie.deliverability.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security for unsubscribe links, ahead of the marketer chain: anyone may follow one, and the signed token in the
 * path is the only proof needed. A mailbox provider's one-click POST (RFC 8058) carries no sign-in cookie and no
 * CSRF token, and nothing here acts on a signed-in marketer's behalf, so CSRF protection is off; nothing else is
 * reachable this way.
 */
@Configuration(proxyBeanMethods = false)
class UnsubscribeSecurityConfiguration {

    static final String PATHS = "/unsubscribe/**";

    @Bean
    @Order(3)
    SecurityFilterChain unsubscribeLinks(HttpSecurity http) throws Exception {
        http.securityMatcher(PATHS)
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                            + "frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }
}
