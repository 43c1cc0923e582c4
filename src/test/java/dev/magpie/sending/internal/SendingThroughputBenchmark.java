package dev.magpie.sending.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.shared.Ids;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many personalised emails of about 30 KB a second a campaign sends, through the launcher, RabbitMQ, the send
 * workers and pooled SMTP, into a server that accepts and discards; beside the same server's own ceiling (as many
 * ready-made messages pushed over as many connections with Jakarta Mail, no Magpie in between), the process CPU and
 * the memory peaks. For docs/performance.md. Opt-in, because seeding and sending take minutes:
 * {@code ./mvnw test -Dtest=SendingThroughputBenchmark -Dmagpie.sending.benchmark=true
 * [-Dmagpie.sending.benchmark.profiles=100000]}.
 */
@SpringBootTest(properties = "magpie.sending.launcher.background=false")
@AutoConfigureMockMvc
@EnabledIfSystemProperty(named = "magpie.sending.benchmark", matches = "true")
class SendingThroughputBenchmark {

    static final DiscardingSmtp SINK = sink();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SINK::port);
    }

    @AfterAll
    static void closeSink() throws IOException {
        SINK.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    CqlSession session;

    @Autowired
    Campaigns campaigns;

    @Autowired
    CampaignLauncher launcher;

    @Autowired
    MessageLog messageLog;

    @Autowired
    SendingProperties properties;

    @Autowired
    SmtpConnections smtp;

    @Test
    void sendsACampaignOfA30KbPersonalisedEmail() throws Exception {
        int count = Integer.getInteger("magpie.sending.benchmark.profiles", 100_000);
        ApiStores api = new ApiStores(mvc, json);
        Store store = api.open("Benchmark Teas", "templates:write", "profiles:write", "campaigns:write",
                "lists:write");
        String domain = "b" + Ids.newId().toLowerCase(Locale.ROOT) + ".example";
        Response list = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Everyone"}}}""");
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        String listId = list.body().at("/data/id").asString();

        long seeding = System.nanoTime();
        ProfileSeeder seeder = new ProfileSeeder(session, store.accountId());
        for (int i = 0; i < count; i++) {
            seeder.listMember(listId, seeder.profile("reader" + i + "@" + domain, "Reader" + i, "gold"));
        }
        seeder.await();
        System.out.printf("Seeded %,d profiles and list members in %.1f s%n", count,
                (System.nanoTime() - seeding) / 1e9);

        String html = newsletter();
        Response template = api.post(store, "/api/templates", """
                {"data": {"type": "template", "attributes": {"name": "Newsletter", "editor_type": "CODE",
                 "subject": "Autumn teas for {{ first_name }}", "html": %s}}}"""
            .formatted(SendingFixtures.quote(html)));
        assertThat(template.status()).as(template.text()).isEqualTo(201);
        SendingFixtures fixtures = new SendingFixtures(api, null);
        String campaign = fixtures.campaign(store, listId, template.body().at("/data/id").asString(),
                "Autumn teas for {{ first_name }}", "news@benchmark.example", true);

        SINK.mark(count / 2);
        Meter meter = Meter.start();
        long started = System.nanoTime();
        fixtures.send(store, campaign);
        launcher.launchDue();
        double published = (System.nanoTime() - started) / 1e9;
        long lastProgress = System.nanoTime();
        long lastCount = 0;
        while (campaigns.find(store.accountId(), campaign).orElseThrow().status() != CampaignStatus.SENT) {
            Thread.sleep(200);
            // Completing counts the campaign's settled rows in the message log: not while it sends, where the reads
            // would load Cassandra and slow what is measured
            if (SINK.messages() >= count) {
                launcher.completeSent();
            }
            long now = SINK.messages();
            if (now != lastCount) {
                lastCount = now;
                lastProgress = System.nanoTime();
            }
            assertThat(System.nanoTime() - lastProgress).as("sending stalled at " + now).isLessThan(120_000_000_000L);
        }
        double endToEnd = (System.nanoTime() - started) / 1e9;
        Meter.Reading campaignReading = meter.stop();
        long messages = SINK.messages();
        double sinkSeconds = SINK.seconds();
        double sustained = messages / sinkSeconds;
        double secondHalf = SINK.ratePastMark();
        long bytes = SINK.bytes();
        assertThat(messages).isEqualTo(count);
        assertThat(messageLog.countSettled(store.accountId(), campaign)).isEqualTo(count);

        SINK.reset();
        int connections = Math.max(1, properties.smtpConnections());
        double ceiling = rawCeiling(smtp.session().getProperties(), count, connections, bytes / messages);

        System.out.printf(Locale.ROOT, """
                ---- Sending benchmark: %,d recipients, %,d bytes a message on average ----
                  publishing (send-job call and launch)   %.1f s
                  end to end (send call to campaign SENT) %.1f s: %,.0f messages/s
                  sustained (first to last message)       %.1f s: %,.0f messages/s
                  second half (warmed up)                 %,.0f messages/s
                  SMTP sink ceiling, %d connections       %,.0f messages/s (Magpie reached %.0f %%, warmed up %.0f %%)
                  consumers %d, SMTP connections %d
                  process CPU during the campaign         %.1f s in %.1f s: %.2f cores (%d available)
                  heap used, peak during the campaign     %,d MB (max heap %,d MB)
                  resident set, peak of the process       %,d MB (now %,d MB)
                """, count, bytes / messages, published, endToEnd, count / endToEnd, sinkSeconds,
                sustained, secondHalf, connections, ceiling, 100 * sustained / ceiling, 100 * secondHalf / ceiling,
                properties.consumers(),
                properties.smtpConnections(), campaignReading.cpuSeconds(), campaignReading.wallSeconds(),
                campaignReading.cpuSeconds() / campaignReading.wallSeconds(),
                Runtime.getRuntime().availableProcessors(), campaignReading.peakHeapBytes() >> 20,
                Runtime.getRuntime().maxMemory() >> 20, rss("VmHWM") >> 10, rss("VmRSS") >> 10);
        campaignReading.engineSeconds().forEach((engine, seconds) -> System.out.printf(Locale.ROOT,
                "  %-39s %.1f s: %.2f cores, %.2f ms a message%n", engine + " CPU during the campaign", seconds,
                seconds / campaignReading.wallSeconds(), 1000 * seconds / count));
        System.out.printf(Locale.ROOT, "  %-39s %.2f ms a message%n", "this process's CPU",
                1000 * campaignReading.cpuSeconds() / count);
    }

    /**
     * The sink's rate for {@code count} ready-made messages of about this size over so many connections, sent with
     * the mail settings Magpie's own connections have ({@code magpie}: timeouts, socket options).
     */
    private static double rawCeiling(Properties magpie, int count, int connections, long size) throws Exception {
        Properties settings = new Properties();
        settings.putAll(magpie);
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", String.valueOf(SINK.port()));
        Session mail = Session.getInstance(settings);
        MimeMessage message = new MimeMessage(mail);
        message.setFrom(new InternetAddress("news@benchmark.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader@benchmark.example"));
        message.setSubject("Autumn teas for Reader");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("x".repeat((int) (size / 6)), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>" + "y".repeat((int) (size * 2 / 3)) + "</p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        Address[] to = message.getAllRecipients();
        List<Thread> threads = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int c = 0; c < connections; c++) {
            int share = count / connections + (c < count % connections ? 1 : 0);
            Thread thread = new Thread(() -> {
                try (Transport transport = mail.getTransport("smtp")) {
                    transport.connect();
                    for (int i = 0; i < share; i++) {
                        transport.sendMessage(message, to);
                    }
                }
                catch (Exception failed) {
                    failures.incrementAndGet();
                    failed.printStackTrace();
                }
            }, "raw-smtp-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures.get()).isZero();
        assertThat(SINK.messages()).isEqualTo(count);
        return count / SINK.seconds();
    }

    /** The newsletter starter grown to about 28 KB of personalised HTML, as TemplateRenderingBenchmark grows it. */
    private static String newsletter() throws IOException {
        String starter;
        try (InputStream in = new ClassPathResource("content/starters/newsletter.html").getInputStream()) {
            starter = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int body = starter.indexOf("<tr>\n          <td style=\"padding: 0 32px 16px 32px;\">");
        int end = starter.indexOf("<tr>\n          <td class=\"content\" style=\"padding-top: 0;\">");
        String block = starter.substring(body, end);
        StringBuilder section = new StringBuilder();
        while (section.length() < 27_000) {
            section.append(block.replace("New arrivals", "New for {{ first_name | default: 'you' }}")
                .replace("From our blog", "{% if person.properties.tier == 'gold' %}Gold picks{% else %}From our blog{% endif %}"));
        }
        return starter.substring(0, end) + section + starter.substring(end);
    }

    /** A line of /proc/self/status in kB (VmHWM: the peak resident set; VmRSS: now), or 0 elsewhere. */
    private static long rss(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream()
            .filter(line -> line.startsWith(field + ":"))
            .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
            .findFirst().orElse(0L);
    }

    private static DiscardingSmtp sink() {
        try {
            return new DiscardingSmtp();
        }
        catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** Process CPU time and the heap's peak over a stretch of wall time. */
    private static final class Meter {

        record Reading(double cpuSeconds, double wallSeconds, long peakHeapBytes, Map<String, Double> engineSeconds) {
        }

        /** The engines on this machine whose CPU is read too, by what their command line holds. */
        private static final Map<String, String> ENGINES = Map.of("Cassandra", "CassandraDaemon", "RabbitMQ",
                "beam.smp", "MariaDB", "mariadbd");

        private final long cpuAtStart = cpuNanos();

        private final Map<String, Duration> enginesAtStart = engineCpu();

        private final long wallAtStart = System.nanoTime();

        private final AtomicLong peakHeap = new AtomicLong();

        private final Thread sampler;

        private volatile boolean running = true;

        private Meter() {
            // Sampled every 100 ms: the peak includes garbage not yet collected, so it is an upper bound
            sampler = new Thread(() -> {
                while (running) {
                    peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                            Math::max);
                    try {
                        Thread.sleep(100);
                    }
                    catch (InterruptedException stopped) {
                        return;
                    }
                }
            }, "benchmark-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        static Meter start() {
            return new Meter();
        }

        Reading stop() throws InterruptedException {
            running = false;
            sampler.join();
            Map<String, Double> engines = new TreeMap<>();
            engineCpu().forEach((engine, cpu) -> engines.put(engine,
                    cpu.minus(enginesAtStart.getOrDefault(engine, Duration.ZERO)).toMillis() / 1e3));
            return new Reading((cpuNanos() - cpuAtStart) / 1e9, (System.nanoTime() - wallAtStart) / 1e9,
                    peakHeap.get(), engines);
        }

        /** The CPU time each engine's processes have used so far (those this user may read). */
        private static Map<String, Duration> engineCpu() {
            Map<String, Duration> cpu = new TreeMap<>();
            ProcessHandle.allProcesses().forEach(process -> {
                String command = process.info().commandLine().orElse("");
                ENGINES.forEach((engine, marker) -> {
                    if (command.contains(marker)) {
                        process.info().totalCpuDuration().ifPresent(used -> cpu.merge(engine, used, Duration::plus));
                    }
                });
            });
            return cpu;
        }

        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        }
    }
}
