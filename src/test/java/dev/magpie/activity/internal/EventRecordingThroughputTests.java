package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.magpie.activity.Event;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.activity.internal.ApiStores.Store;
import dev.magpie.activity.internal.CassandraEventRecorder.Outcome;
import dev.magpie.activity.internal.CassandraEventRecorder.Submission;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many events a second one instance records: in process, one at a time from many threads and a thousand at
 * a time as a bulk worker does; and over HTTP, {@code POST /api/events} from many client threads and
 * {@code POST /api/event-bulk-create-jobs} until every job is complete. A benchmark, not a check: run it with
 * {@code -Dmagpie.activity.benchmark=true}; it prints its figures (lines starting with BENCHMARK).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIfSystemProperty(named = "magpie.activity.benchmark", matches = "true")
class EventRecordingThroughputTests {

    private static final int PROFILES = 2_000;

    private static final String[] METRICS = { "Active on Site", "Viewed Product", "Added to Cart",
            "Started Checkout", "Placed Order", "Ordered Product" };

    @Autowired
    CassandraEventRecorder recorder;

    @Autowired
    EventAnnouncer announcer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    @Test
    void eventsPerSecond() throws Exception {
        int threads = Integer.getInteger("magpie.activity.benchmark.threads", 32);
        int singles = Integer.getInteger("magpie.activity.benchmark.singles", 20_000);
        int jobs = Integer.getInteger("magpie.activity.benchmark.jobs", 40);
        ApiStores stores = new ApiStores(jdbc, json, port);
        Store store = stores.open("Benchmark store");
        String account = store.accountId();
        // Known profiles, as in a store's steady traffic: their first events create them
        measure("warm-up (creates " + PROFILES + " profiles)", 16, PROFILES, i -> recorder.record(account,
                event(i, i)));

        double single = 0;
        double bulk = 0;
        if (!Boolean.getBoolean("magpie.activity.benchmark.http-only")) {
            Event sample = recorder.record(account, event(0, 1));
            measure("announcing one event", 16, 5_000, i -> announcer.announce(account, List.of(sample)));
            single = measure("in process, single events, " + threads + " threads", threads, singles,
                    i -> recorder.record(account, event(i % PROFILES, PROFILES + i)));
            int workers = Integer.getInteger("magpie.activity.benchmark.workers", 2);
            bulk = measure("in process, jobs of 1,000, " + workers + " workers", workers, jobs,
                    job -> recordJob(account, job)) * 1_000;
        }

        // Over HTTP: Klaviyo's XL tier allows 3,500 calls a minute per key, so the calls go round many keys
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            keys.add(stores.key(store, "events:write"));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int httpThreads = Integer.getInteger("magpie.activity.benchmark.http-threads", 64);
        double overHttp = measure("HTTP POST /api/events, " + httpThreads + " client threads", httpThreads, singles,
                i -> {
                    HttpResponse<String> response = post(http, stores, keys.get(i % keys.size()), "/api/events",
                            Events.event(METRICS[i % METRICS.length], "shopper-" + (i % PROFILES) + "@example.com",
                                    null, "http-" + i, null, "{\"ProductName\": \"Item " + (i % 500) + "\"}"));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                });

        List<String> bodies = new ArrayList<>();
        for (int job = 0; job < jobs; job++) {
            List<String> items = new ArrayList<>();
            for (int person = 0; person < 200; person++) {
                List<String> events = new ArrayList<>();
                for (int n = 0; n < 5; n++) {
                    int i = job * 1_000 + person * 5 + n;
                    events.add(Events.bulkEvent(METRICS[i % METRICS.length], null, "bulk-http-" + i, null,
                            "{\"ProductName\": \"Item " + (i % 500) + "\"}"));
                }
                items.add(Events.item("\"email\": \"shopper-" + ((job * 200 + person) % PROFILES) + "@example.com\"",
                        events));
            }
            bodies.add(Events.bulk(items));
        }
        long started = System.nanoTime();
        List<String> locations = new ArrayList<>();
        measure("HTTP POST /api/event-bulk-create-jobs (202s)", 4, jobs, job -> {
            HttpResponse<String> response = post(http, stores, keys.get(job % keys.size()),
                    "/api/event-bulk-create-jobs", bodies.get(job));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            synchronized (locations) {
                locations.add(response.headers().firstValue("Location").orElseThrow());
            }
        });
        int polls = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (String location : locations) {
            while (!stores.body(stores.get(keys.get(polls++ % keys.size()), location.substring(stores.url("").length())))
                .at("/data/attributes/status").asString("").equals("complete")) {
                assertThat(System.nanoTime()).as("bulk jobs complete within 10 minutes").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        double bulkOverHttp = jobs * 1_000 / ((System.nanoTime() - started) / 1e9);
        System.out.printf("BENCHMARK HTTP bulk, accepted to all complete: %.0f events/s%n", bulkOverHttp);
        System.out.printf("BENCHMARK summary: in process single %.0f/s, bulk %.0f/s; HTTP single %.0f/s, bulk %.0f/s%n",
                single, bulk, overHttp, bulkOverHttp);
    }

    private void recordJob(String account, int job) {
        List<Submission> submissions = new ArrayList<>(1_000);
        for (int n = 0; n < 1_000; n++) {
            int i = job * 1_000 + n;
            // A bulk job names each profile once for several events, as Klaviyo's format does
            submissions.add(new Submission(null, event((i / 5) % PROFILES, 10_000_000 + i)));
        }
        List<Outcome> outcomes = recorder.recordAll(account, submissions);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.isNew()).isTrue());
    }

    private static HttpResponse<String> post(HttpClient http, ApiStores stores, String key, String path, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stores.url(path)))
            .header("Authorization", "Klaviyo-API-Key " + key)
            .header("revision", ApiStores.REVISION)
            .header("Content-Type", "application/vnd.api+json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static NewEvent event(int profile, int n) {
        String metric = METRICS[n % METRICS.length];
        boolean order = metric.equals("Placed Order");
        return new NewEvent(metric, MetricSource.API,
                ProfileAttributes.of(new Identifiers("shopper-" + profile + "@example.com", null, null, null)),
                Instant.now().minus(n % 600, ChronoUnit.SECONDS), order ? new BigDecimal("59.90") : null,
                order ? "USD" : null, Map.of("ProductName", "Item " + (n % 500), "Categories", List.of("A", "B"),
                        "Price", 19.95),
                "u-" + n);
    }

    private static double measure(String what, int threads, int tasks, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        long[] latencies = new long[tasks];
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                    long began = System.nanoTime();
                    task.run((int) i);
                    latencies[(int) i] = System.nanoTime() - began;
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        System.out.printf("BENCHMARK %s: %d in %.2f s = %.0f/s; latency p50 %.1f ms, p99 %.1f ms%n", what, tasks,
                seconds, tasks / seconds, latencies[tasks / 2] / 1e6, latencies[(int) (tasks * 0.99)] / 1e6);
        return tasks / seconds;
    }

    @FunctionalInterface
    private interface Task {

        void run(int i) throws Exception;
    }
}
