package dev.magpie.web;

import dev.magpie.web.api.ApiErrorWriter;
import dev.magpie.web.api.ApiKeyAuthenticationFilter;
import dev.magpie.web.api.ApiKeyVerifier;
import dev.magpie.web.api.JsonApi;
import dev.magpie.web.api.JsonApiSecurityErrors;
import dev.magpie.web.api.RevisionFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * The REST API's security: {@code /api/**} only, ahead of the marketer chain. Callers send a private key
 * ({@code Authorization: Klaviyo-API-Key <key>}) and a {@code revision} with every request; nothing is kept
 * between requests, so there is no session and no CSRF token (no cookie authenticates an API call).
 * Refusals are JSON:API errors, never redirects to a sign-in page.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeyVerifier keys, ApiErrorWriter errors) throws Exception {
        JsonApiSecurityErrors refusals = new JsonApiSecurityErrors(errors);
        http.securityMatcher(JsonApi.PATH_PATTERN)
            .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
            .csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .anonymous(AbstractHttpConfigurer::disable)
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refusals)
                .accessDeniedHandler(refusals))
            // Klaviyo's SDKs call /api/accounts/ (trailing slash); Spring matches /api/accounts only.
            .addFilterBefore(UrlHandlerFilter.trailingSlashHandler(JsonApi.PATH_PATTERN).wrapRequest().build(),
                    DisableEncodeUrlFilter.class)
            .addFilterBefore(new RevisionFilter(errors), UsernamePasswordAuthenticationFilter.class)
            .addFilterAt(new ApiKeyAuthenticationFilter(keys, errors), BasicAuthenticationFilter.class);
        return http.build();
    }
}
