package dev.magpie.tracking.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security for pixels and click links, ahead of the marketer chain: anyone may load or follow one, and the signed
 * token in the path is the only proof needed. Only GET and HEAD are answered, nothing acts on a signed-in
 * marketer's behalf, and no session is made.
 */
@Configuration(proxyBeanMethods = false)
class TrackingSecurityConfiguration {

    static final String PATHS = "/t/**";

    @Bean
    @Order(4)
    SecurityFilterChain trackingLinks(HttpSecurity http) throws Exception {
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
