package dev.magpie.sending.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast one instance hands messages to SMTP (prefix {@code magpie.sending.throttle}); docs/sending.md explains
 * the defaults. A limit of 0 means none.
 *
 * @param accountPerSecond messages per second of one account
 * @param domainPerSecond messages per second to one recipient domain that no provider below names
 * @param maxWait how long a consumer may wait for its turn before the job is put back for later instead
 * @param providers the large mailbox providers, each with its domains and their shared limit; what is configured
 *        here is laid over the built-in entries ({@code gmail}, {@code yahoo}, {@code microsoft}, {@code icloud}),
 *        field by field, so setting {@code providers.gmail.per-second} keeps Gmail's domains
 */
@ConfigurationProperties("magpie.sending.throttle")
record SendThrottleProperties(@DefaultValue("0") int accountPerSecond, @DefaultValue("20") int domainPerSecond,
        @DefaultValue("1s") Duration maxWait, Map<String, Provider> providers) {

    /** The built-in providers: the large mailbox providers' domains and their limits. */
    static final Map<String, Provider> DEFAULT_PROVIDERS = Map.of(
            "gmail", new Provider(List.of("gmail.com", "googlemail.com"), 100),
            "yahoo", new Provider(List.of("yahoo.com", "ymail.com", "rocketmail.com"), 20),
            "microsoft", new Provider(List.of("outlook.com", "hotmail.com", "live.com", "msn.com"), 30),
            "icloud", new Provider(List.of("icloud.com", "me.com", "mac.com"), 10));

    SendThrottleProperties {
        if (accountPerSecond < 0 || domainPerSecond < 0) {
            throw new IllegalArgumentException("magpie.sending.throttle limits must not be negative");
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("magpie.sending.throttle.max-wait must not be negative");
        }
        Map<String, Provider> merged = new LinkedHashMap<>(DEFAULT_PROVIDERS);
        if (providers != null) {
            providers.forEach((name, configured) -> merged.merge(name, configured, Provider::over));
        }
        for (Map.Entry<String, Provider> provider : merged.entrySet()) {
            if (provider.getValue().domains() == null || provider.getValue().perSecond() == null
                    || provider.getValue().perSecond() < 0) {
                throw new IllegalArgumentException("magpie.sending.throttle.providers." + provider.getKey()
                        + " needs domains and a per-second limit of 0 or more");
            }
        }
        providers = Map.copyOf(merged);
    }

    /** Limits as the defaults set them. */
    static SendThrottleProperties defaults() {
        return new SendThrottleProperties(0, 20, Duration.ofSeconds(1), null);
    }

    /** The provider whose domains include {@code domain} (lower case), or {@code null}. */
    String providerOf(String domain) {
        for (Map.Entry<String, Provider> provider : providers.entrySet()) {
            if (provider.getValue().domains().contains(domain)) {
                return provider.getKey();
            }
        }
        return null;
    }

    /**
     * A mailbox provider: its domains share one limit.
     *
     * @param domains its recipient domains, such as {@code gmail.com} and {@code googlemail.com}
     * @param perSecond messages per second to all of them together
     */
    record Provider(List<String> domains, Integer perSecond) {

        Provider {
            domains = domains == null ? null
                    : domains.stream().map(domain -> domain.trim().toLowerCase(Locale.ROOT)).toList();
        }

        /** This configured entry laid over the built-in {@code builtIn}: what it leaves out stays. */
        private static Provider over(Provider builtIn, Provider configured) {
            return new Provider(configured.domains() != null ? configured.domains() : builtIn.domains(),
                    configured.perSecond() != null ? configured.perSecond() : builtIn.perSecond());
        }
    }
}
