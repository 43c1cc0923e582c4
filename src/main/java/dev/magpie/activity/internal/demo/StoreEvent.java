package dev.magpie.activity.internal.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;

/** One thing a shopper did in the demo store, as the store would report it. */
record StoreEvent(String metric, MetricSource source, Identifiers profile, Instant time, BigDecimal value,
        String valueCurrency, Map<String, Object> properties, String uniqueId) {

    NewEvent toNewEvent() {
        return new NewEvent(metric, source, ProfileAttributes.of(profile), time, value, valueCurrency, properties,
                uniqueId);
    }
}
