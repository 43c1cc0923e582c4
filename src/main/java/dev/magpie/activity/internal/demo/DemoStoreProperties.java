package dev.magpie.activity.internal.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The made-up store the demo account is filled with when {@code magpie.demo.enabled} is on (the local run
 * and the platform in a box).
 *
 * @param enabled whether to fill the demo account at all (it is filled once, while it has no profiles)
 * @param profiles how many customers the store has
 * @param events about how many events they made
 * @param history how far back their events go
 * @param seed the same seed makes the same store
 * @param threads how many writers work in parallel (they mostly wait for Cassandra, so more than the cores)
 */
@ConfigurationProperties("magpie.demo.store")
record DemoStoreProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("10000") int profiles,
        @DefaultValue("200000") int events,
        @DefaultValue("90d") Duration history,
        @DefaultValue("20260715") long seed,
        @DefaultValue("16") int threads) {
}
