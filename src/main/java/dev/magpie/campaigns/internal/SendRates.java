package dev.magpie.campaigns.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How fast a sending campaign's messages settle now: the settled count is sampled each time its progress is shown
 * (the page polls every few seconds) and the rate is taken over the last half-minute of samples. The samples live in
 * this instance's memory — a page served by another instance, or the first look, simply has no rate yet — and a
 * campaign nobody looked at for a few minutes is forgotten.
 */
@Component
class SendRates {

    static final Duration WINDOW = Duration.ofSeconds(30);

    private static final Duration FORGET_AFTER = Duration.ofMinutes(5);

    /** Shorter spans give rates that jump from poll to poll. */
    private static final Duration SHORTEST_SPAN = Duration.ofSeconds(2);

    private final Clock clock;

    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    @Autowired
    SendRates(Clock clock) {
        this.clock = clock;
    }

    /** Records that {@code settled} of the campaign's messages are settled now; returns messages per second. */
    Optional<Double> sample(String campaignId, long settled) {
        Instant now = clock.instant();
        samples.values().removeIf(kept -> {
            synchronized (kept) {
                return kept.isEmpty() || kept.peekLast().at().isBefore(now.minus(FORGET_AFTER));
            }
        });
        Deque<Sample> kept = samples.computeIfAbsent(campaignId, id -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addLast(new Sample(now, settled));
            while (kept.size() > 2 && kept.peekFirst().at().isBefore(now.minus(WINDOW))) {
                kept.removeFirst();
            }
            Sample first = kept.peekFirst();
            Duration span = Duration.between(first.at(), now);
            if (span.compareTo(SHORTEST_SPAN) < 0 || settled < first.settled()) {
                return Optional.empty();
            }
            return Optional.of((settled - first.settled()) * 1000.0 / span.toMillis());
        }
    }

    private record Sample(Instant at, long settled) {
    }
}
