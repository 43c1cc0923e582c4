package dev.magpie.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The marketer UI's security: form sign-in with a session, CSRF on every form, and public pages for
 * signing up and resetting a password. The API and the operators' pages have chains of their own, which
 * take precedence over this catch-all.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain marketerUi(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/signin", "/signup", "/password-reset/**", "/invitations/**", "/subscriptions/confirm/**",
                        "/webjars/**",
                        "/css/**", "/img/**", "/favicon.ico", "/error", "/actuator/health/**")
                .permitAll()
                .anyRequest()
                .authenticated())
            .formLogin(form -> form.loginPage("/signin")
                .usernameParameter("email")
                .defaultSuccessUrl("/", false)
                .permitAll())
            .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedOut"))
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                            + "frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
