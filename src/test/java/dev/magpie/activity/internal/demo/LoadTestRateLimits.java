package dev.magpie.activity.internal.demo;

import java.time.Clock;

import dev.magpie.web.api.RateLimit;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimiter;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * For benchmarks of the local run only ({@code --magpie.load-test.unlimited=true}): lifts the API's per-key rate
 * limits, which would otherwise cap one key at Klaviyo's 350 requests a second (3,500 a minute) on
 * {@code POST /api/events} and measure the limiter rather than Magpie. Test-scoped: it never ships.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("magpie.load-test.unlimited")
class LoadTestRateLimits {

    @Bean
    static BeanPostProcessor unlimitedRateLimiter() {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof RateLimiter ? new Unlimited() : bean;
            }
        };
    }

    /** Counts nothing and allows everything. */
    static final class Unlimited extends RateLimiter {

        Unlimited() {
            super(Clock.systemUTC());
        }

        @Override
        public RateLimit consume(String caller, String endpoint, RateLimitTier tier) {
            return new RateLimit(true, tier.steadyPerMinute(), tier.steadyPerMinute(), 60, 0);
        }
    }
}
