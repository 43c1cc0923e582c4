package dev.magpie.activity.internal.demo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Drives a running Magpie's HTTP API with a realistic store's traffic (from {@link StoreTraffic}, as the demo
 * store is made) and reports throughput, latency percentiles and — counted through the API afterwards — events
 * lost. See docs/performance.md for how to run it and what it measured.
 *
 * <p>Phase 1 imports 90 days of history through {@code POST /api/event-bulk-create-jobs}, 1,000 events a job;
 * phase 2 sends live traffic as single {@code POST /api/events} requests from many connections at once. Every
 * run names its metrics with a tag of its own ("Placed Order [load-…]"), so that counting them afterwards counts
 * this run's events and nothing else.
 *
 * <p>It is a JUnit class rather than a {@code main} so that it runs with one Maven command and leaves the local
 * run's main class the only one on the test classpath; its name keeps it out of {@code ./mvnw verify}:
 * {@code ./mvnw test -Dtest=LoadTool -Dload.url=http://localhost:8080}.
 */
class LoadTool {

    @Test
    void driveTheApi() throws Exception {
        Settings settings = Settings.fromSystemProperties();
        System.out.println(settings);
        ApiClient api = new ApiClient(settings.url(), settings.key(),
                Math.max(settings.concurrency(), settings.bulkConcurrency()));
        System.out.printf("Account: %s%n", api.get("/api/accounts").path("data").path(0).path("attributes")
            .path("contact_information").path("organization_name").asString("?"));

        String tag = "load-" + Long.toString(System.currentTimeMillis(), 36);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StoredEvents stored = new StoredEvents(api, tag);
        KlaviyoPayloads payloads = new KlaviyoPayloads(name -> StoredEvents.tagged(name, tag));
        Shoppers shoppers = new Shoppers(settings.seed(), settings.profiles(), now);
        // History for the bulk import, a little live traffic to warm up, then the live traffic: three periods
        // that do not overlap, so that the events of each phase are counted on their own.
        Instant historyEnd = now.minus(Duration.ofHours(3));
        StoreTraffic history = new StoreTraffic(settings.seed(), shoppers, historyEnd, Duration.ofDays(90), tag + "-h");
        StoreTraffic warmUp = new StoreTraffic(settings.seed() + 1, shoppers, now.minus(Duration.ofHours(2)),
                Duration.ofMinutes(30), tag + "-w");
        StoreTraffic live = new StoreTraffic(settings.seed() + 2, shoppers, now, Duration.ofHours(1), tag + "-l");

        if (settings.warmUpEvents() > 0) {
            System.out.printf("%nWarm-up: %,d single events%n", settings.warmUpEvents());
            singles(api, payloads, events(warmUp, settings.warmUpEvents()), settings.concurrency());
            reportFailures(api);
        }
        Outcome bulk = settings.bulkEvents() == 0 ? Outcome.NONE
                : bulkPhase(api, payloads, stored, settings.cpu(), events(history, settings.bulkEvents()),
                        settings.bulkConcurrency(), historyEnd.minus(Duration.ofDays(91)), historyEnd);
        Outcome single = settings.singleEvents() == 0 ? Outcome.NONE
                : singlePhase(api, payloads, stored, settings.cpu(), events(live, settings.singleEvents()),
                        settings.concurrency(), now.minus(Duration.ofHours(1)).minusSeconds(1), now.plusSeconds(1));

        System.out.printf("%nThrottled (429, waited out and re-sent): %,d%n", api.throttled.get());
        System.out.printf("%nResult              measured            target%n");
        System.out.printf("bulk                %,8.0f events/s   >= 5,000 events/s%n", bulk.eventsPerSecond());
        System.out.printf("single              %,8.0f events/s   >= 1,000 events/s%n", single.eventsPerSecond());
        System.out.printf("single p99          %8.1f ms         <= 50 ms%n", single.p99Millis());
        System.out.printf("events lost         %,8d            0%n", bulk.lost() + single.lost());
        System.out.printf("(this run's metrics are named \"… [%s]\")%n", tag);
    }

    private static Outcome bulkPhase(ApiClient api, KlaviyoPayloads payloads, StoredEvents stored, CpuMeter cpu,
            List<StoreEvent> events, int concurrency, Instant from, Instant to) throws Exception {
        Map<String, Double> cpuBefore = cpu.sample();
        Result bulk = bulk(api, payloads, events, concurrency);
        System.out.printf("%nPhase 1, bulk: %,d events in %,d jobs of up to 1,000, %d at a time%n", bulk.sent(),
                bulk.latencies().count(), concurrency);
        System.out.printf("  accepted %,d events in %.1f s: %,.0f events/s; job latency %s%n", bulk.accepted(),
                bulk.seconds(), bulk.accepted() / bulk.seconds(), bulk.latencies().summary());
        BulkJobs.Done done = new BulkJobs(api).awaitAll(bulk.jobs());
        Map<String, Double> cpuAfter = cpu.sample();
        // Job times have whole seconds: count the last one's second in full
        double seconds = Duration.between(bulk.startedAt(), done.lastCompleted().plusSeconds(1)).toMillis() / 1e3;
        System.out.printf("  jobs: %,d complete, %,d failed; the last completed within %.1f s of the first request:"
                + " %,.0f events/s end to end%n", done.complete(), done.failed(), seconds, bulk.accepted() / seconds);
        if (cpu.measures()) {
            System.out.printf("  CPU: %s%n", cpu.perThousand(cpuBefore, cpuAfter, bulk.accepted()));
        }
        reportFailures(api);
        long count = stored.awaitStored(from, to, bulk.accepted());
        System.out.printf("  counted %,d of them stored%n", count);
        return new Outcome(bulk.accepted() / seconds, bulk.latencies().percentileMillis(99), bulk.accepted() - count);
    }

    private static Outcome singlePhase(ApiClient api, KlaviyoPayloads payloads, StoredEvents stored, CpuMeter cpu,
            List<StoreEvent> events, int concurrency, Instant from, Instant to) throws Exception {
        Map<String, Double> cpuBefore = cpu.sample();
        Result single = singles(api, payloads, events, concurrency);
        Map<String, Double> cpuAfter = cpu.sample();
        System.out.printf("%nPhase 2, single: %,d events, one request each, %d connections%n", single.sent(),
                concurrency);
        System.out.printf("  accepted %,d in %.1f s: %,.0f events/s; latency %s%n", single.accepted(),
                single.seconds(), single.accepted() / single.seconds(), single.latencies().summary());
        if (cpu.measures()) {
            System.out.printf("  CPU: %s%n", cpu.perThousand(cpuBefore, cpuAfter, single.accepted()));
        }
        reportFailures(api);
        long count = stored.awaitStored(from, to, single.accepted());
        System.out.printf("  counted %,d of them stored%n", count);
        return new Outcome(single.accepted() / single.seconds(), single.latencies().percentileMillis(99),
                single.accepted() - count);
    }

    private static void reportFailures(ApiClient api) {
        Map<String, Long> failures = api.drainFailures();
        if (!failures.isEmpty()) {
            System.out.printf("  failed requests (not counted as accepted): %s%n", failures);
        }
    }

    /** What a phase achieved, for the summary. */
    private record Outcome(double eventsPerSecond, double p99Millis, long lost) {

        static final Outcome NONE = new Outcome(0, 0, 0);
    }

    /** The first {@code count} events of {@code traffic}'s sessions. */
    static List<StoreEvent> events(StoreTraffic traffic, int count) {
        List<StoreEvent> events = new ArrayList<>(count + 16);
        for (long session = 0; events.size() < count; session++) {
            events.addAll(traffic.session(session));
        }
        return events.subList(0, count);
    }

    private static Result bulk(ApiClient api, KlaviyoPayloads payloads, List<StoreEvent> events, int concurrency)
            throws InterruptedException {
        List<byte[]> jobs = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int from = 0; from < events.size(); from += 1_000) {
            List<StoreEvent> job = events.subList(from, Math.min(events.size(), from + 1_000));
            jobs.add(payloads.bulkCreateJob(job));
            sizes.add(job.size());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        Latencies latencies = new Latencies();
        List<String> locations = java.util.Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        run(concurrency, () -> {
            for (int job = next.getAndIncrement(); job < jobs.size(); job = next.getAndIncrement()) {
                String location = api.post("/api/event-bulk-create-jobs", jobs.get(job), latencies);
                if (location != null) {
                    accepted.addAndGet(sizes.get(job));
                    locations.add(location);
                }
            }
        });
        return new Result(events.size(), accepted.get(), latencies, started, System.nanoTime(), List.copyOf(locations));
    }

    private static Result singles(ApiClient api, KlaviyoPayloads payloads, List<StoreEvent> events, int concurrency)
            throws InterruptedException {
        List<byte[]> bodies = events.stream().map(payloads::createEvent).toList();
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        Latencies latencies = new Latencies();
        long started = System.nanoTime();
        run(concurrency, () -> {
            for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                if (api.post("/api/events", bodies.get(i), latencies) != null) {
                    accepted.incrementAndGet();
                }
            }
        });
        return new Result(events.size(), accepted.get(), latencies, started, System.nanoTime(), List.of());
    }

    private static void run(int threads, Sender sender) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                try {
                    sender.send();
                }
                catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    private interface Sender {

        void send() throws InterruptedException;
    }

    /** What one phase sent, how long it took, and where its bulk jobs can be followed. */
    record Result(long sent, long accepted, Latencies latencies, long startedNanos, long endedNanos,
            List<String> jobs) {

        double seconds() {
            return (endedNanos - startedNanos) / 1e9;
        }

        /** When the phase began, by the wall clock (job times are compared with it). */
        Instant startedAt() {
            return Instant.now().minusNanos(System.nanoTime() - startedNanos);
        }
    }

    /** The tool's settings, each a system property ({@code -Dload.url=…}) with a default for the local run. */
    record Settings(URI url, String key, int bulkEvents, int bulkConcurrency, int singleEvents, int concurrency,
            int warmUpEvents, int profiles, long seed, CpuMeter cpu) {

        static Settings fromSystemProperties() {
            return new Settings(URI.create(property("load.url", "http://localhost:8080")),
                    property("load.key", "pk_demo_0123456789abcdefghij"),
                    Integer.parseInt(property("load.bulk-events", "100000")),
                    Integer.parseInt(property("load.bulk-concurrency", "4")),
                    Integer.parseInt(property("load.single-events", "30000")),
                    Integer.parseInt(property("load.concurrency", "32")),
                    Integer.parseInt(property("load.warm-up-events", "3000")),
                    Integer.parseInt(property("load.profiles", "10000")),
                    Long.parseLong(property("load.seed", "7")),
                    CpuMeter.parse(property("load.cpu-pids", "")));
        }

        private static String property(String name, String fallback) {
            String value = System.getProperty(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Load against %s: %,d bulk events (%d jobs at a time), %,d single events"
                    + " (%d connections), %,d warm-up events, %,d shoppers, seed %d%s", url, bulkEvents, bulkConcurrency,
                    singleEvents, concurrency, warmUpEvents, profiles, seed,
                    cpu.measures() ? "; CPU of " + cpu : "");
        }
    }
}
