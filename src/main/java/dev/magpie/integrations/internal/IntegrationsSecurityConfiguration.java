package dev.magpie.integrations.internal;

import java.time.Duration;
import java.util.List;

import dev.magpie.web.api.ApiErrorWriter;
import dev.magpie.web.api.RevisionFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * Security for what machines call: the browser API ({@code /client/**}), store webhooks ({@code /webhooks/**})
 * and the Segment-compatible API ({@code /v1/**}), ahead of the marketer chain. Each request proves itself by its
 * own means, checked by its controller: a public site key (which only lets a browser add data, never read it), an
 * HMAC signature over the body, or a write key. So there is no session, no cookie counts, and no CSRF token
 * (no browser session can be ridden here). The browser API and Segment's browser library are called from
 * storefronts on other origins, hence CORS for any origin, without credentials.
 */
@Configuration(proxyBeanMethods = false)
class IntegrationsSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain machines(HttpSecurity http, ApiErrorWriter errors) throws Exception {
        http.securityMatcher(MachinePaths.CLIENT, MachinePaths.WEBHOOKS, MachinePaths.SEGMENT)
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .cors(cors -> cors.configurationSource(storefrontOrigins()))
            // Klaviyo's older SDKs call /client/events/ (trailing slash)
            .addFilterBefore(UrlHandlerFilter.trailingSlashHandler(MachinePaths.CLIENT).wrapRequest().build(),
                    DisableEncodeUrlFilter.class)
            .addFilterBefore(new ClientRevisionFilter(errors), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /** Any storefront may call, without cookies; preflights are answered without reaching a controller. */
    static UrlBasedCorsConfigurationSource storefrontOrigins() {
        CorsConfiguration anyOrigin = new CorsConfiguration();
        anyOrigin.setAllowedOrigins(List.of(CorsConfiguration.ALL));
        anyOrigin.setAllowedMethods(List.of(HttpMethod.POST.name(), HttpMethod.OPTIONS.name()));
        anyOrigin.setAllowedHeaders(List.of(CorsConfiguration.ALL));
        anyOrigin.setExposedHeaders(List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
                "Retry-After"));
        anyOrigin.setAllowCredentials(false);
        anyOrigin.setMaxAge(Duration.ofDays(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration(MachinePaths.CLIENT, anyOrigin);
        source.registerCorsConfiguration(MachinePaths.SEGMENT, anyOrigin);
        return source;
    }

    /** The browser API takes a {@code revision} header like the REST API; webhooks and Segment do not. */
    static final class ClientRevisionFilter extends RevisionFilter {

        ClientRevisionFilter(ApiErrorWriter errors) {
            super(errors);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !MachinePaths.isClient(request) || HttpMethod.OPTIONS.matches(request.getMethod());
        }
    }
}
