package dev.magpie.admin.internal;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The operators' security: {@code /admin/**} and the actuator endpoints, ahead of the marketer chain.
 *
 * <p>Operators are not marketers. They sign in against the {@code operators} table through an
 * authentication manager of this chain alone, and their session keeps its sign-in under a key of its own,
 * so one browser can hold a marketer and an operator sign-in side by side without either passing for
 * the other: a marketer's session is anonymous here, and an operator's is anonymous on the marketer pages.
 *
 * <p>{@code /actuator/health} (and its liveness and readiness groups) stays public for probes, showing
 * details to operators only; every other endpoint needs an operator, by session or by HTTP Basic for
 * scrapers such as Prometheus.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    static final String ROLE = "OPERATOR";

    static final String SIGN_IN_PATH = "/admin/signin";

    private static final String SESSION_PREFIX = "magpie.admin.";

    @Bean
    @Order(0)
    SecurityFilterChain operators(HttpSecurity http, OperatorRepository operators, PasswordEncoder passwordEncoder)
            throws Exception {
        RequestMatcher adminPages = PathPatternRequestMatcher.withDefaults().matcher("/admin/**");
        RequestMatcher endpoints = EndpointRequest.toAnyEndpoint();

        HttpSessionSecurityContextRepository sessionContext = new HttpSessionSecurityContextRepository();
        sessionContext.setSpringSecurityContextKey(SESSION_PREFIX + "SECURITY_CONTEXT");
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(SESSION_PREFIX + "CSRF_TOKEN");
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setSessionAttrName(SESSION_PREFIX + "SAVED_REQUEST");
        requestCache.setRequestMatcher(adminPages);

        http.securityMatcher(new OrRequestMatcher(adminPages, endpoints))
            .authenticationManager(operatorAuthentication(operators, passwordEncoder))
            .authorizeHttpRequests(requests -> requests
                .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                .requestMatchers(SIGN_IN_PATH).permitAll()
                .anyRequest().hasRole(ROLE))
            .securityContext(context -> context.securityContextRepository(sessionContext))
            .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
            .requestCache(cache -> cache.requestCache(requestCache))
            .formLogin(form -> form.loginPage(SIGN_IN_PATH)
                .defaultSuccessUrl("/admin", false)
                .failureUrl(SIGN_IN_PATH + "?error"))
            // Scrapers send credentials with each request: keep nothing for them in a session.
            .httpBasic(basic -> basic.realmName("Magpie operators")
                .securityContextRepository(new RequestAttributeSecurityContextRepository()))
            .exceptionHandling(exceptions -> exceptions
                .defaultAuthenticationEntryPointFor(basicEntryPoint(), endpoints)
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(SIGN_IN_PATH), adminPages))
            // Signing out of the operators' area must not sign the same browser out of the marketer UI. The
            // explicit success handler keeps HTTP Basic from answering 204 to clients that do not ask for HTML.
            .logout(logout -> logout.logoutUrl("/admin/signout")
                .invalidateHttpSession(false)
                .logoutSuccessHandler(signedOut()))
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                    // Captured emails render in a sandboxed srcdoc frame, which inherits this policy: their
                    // inline styles and remote images must load, their scripts never run.
                    "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
                            + "script-src 'self'; frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    /**
     * Not a bean: a second {@link UserDetailsService} or authentication provider in the context would stop
     * Spring Boot from wiring the marketers' sign-in, and marketers must never be operators.
     */
    private static AuthenticationManager operatorAuthentication(OperatorRepository operators,
            PasswordEncoder passwordEncoder) {
        UserDetailsService operatorDetails = username -> operators.findByUsername(username)
            .map(operator -> User.withUsername(operator.username())
                .password(operator.passwordHash())
                .roles(ROLE)
                .build())
            .orElseThrow(() -> new UsernameNotFoundException("No such operator"));
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(operatorDetails);
        provider.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(provider);
    }

    private static LogoutSuccessHandler signedOut() {
        SimpleUrlLogoutSuccessHandler handler = new SimpleUrlLogoutSuccessHandler();
        handler.setDefaultTargetUrl(SIGN_IN_PATH + "?signedOut");
        return handler;
    }

    private static BasicAuthenticationEntryPoint basicEntryPoint() {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("Magpie operators");
        return entryPoint;
    }
}
