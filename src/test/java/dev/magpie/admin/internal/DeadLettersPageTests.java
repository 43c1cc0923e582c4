package dev.magpie.admin.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.magpie.engines.JobPublisher;
import dev.magpie.engines.JobQueues;
import dev.magpie.engines.JobRetries;
import dev.magpie.sending.SendQueue;
import dev.magpie.shared.Ids;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The dead-letter page on a real broker: dead letters as RabbitMQ leaves them (x-death, the tenant and attempt
 * headers) in the dead-letter queue, shown per job queue without being lost, put back on their job queue or
 * discarded, one or all; and only operators reach it. The letters come from a job queue of this test that no
 * consumer reads, so what is requeued can be looked at.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DeadLettersPageTests.TestJobQueue.class)
class DeadLettersPageTests {

    static final String QUEUE = "magpie.test.dead-letters";

    static final String PASSWORD = "operator-secret-1";

    @TestConfiguration(proxyBeanMethods = false)
    static class TestJobQueue {

        @Bean
        Declarables deadLetterTestQueue(JobQueues jobQueues) {
            return jobQueues.declare(QUEUE);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    OperatorRepository operators;

    @Autowired
    PasswordEncoder passwordEncoder;

    MockHttpSession operator;

    String account;

    @BeforeEach
    void fresh() throws Exception {
        String username = "ops-" + Ids.newId().toLowerCase();
        operators.save(new Operator(username, passwordEncoder.encode(PASSWORD), Instant.now()));
        MvcResult signedIn = mvc.perform(formLogin("/admin/signin").user(username).password(PASSWORD)).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/admin");
        operator = (MockHttpSession) signedIn.getRequest().getSession(false);
        account = Ids.newId();
        // What earlier tests left on the queues of this test
        purge(QUEUE);
        rabbit.execute(channel -> {
            GetResponse response;
            List<Long> others = new ArrayList<>();
            while ((response = channel.basicGet(JobQueues.DEAD_LETTER_QUEUE, false)) != null) {
                if (QUEUE.equals(response.getEnvelope().getRoutingKey())) {
                    channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                }
                else {
                    others.add(response.getEnvelope().getDeliveryTag());
                }
            }
            if (!others.isEmpty()) {
                channel.basicNack(others.get(others.size() - 1), true, true);
            }
            return null;
        });
    }

    @Test
    void operatorsSeeEachJobQueuesDeadLettersWithoutTakingThem() throws Exception {
        Instant died = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            deadLetter("campaign-" + i, "profile-" + i, died.plusSeconds(i));
        }
        int waiting = deadLetterCount();

        Document page = page();
        Element queue = page.getElementById("queue-" + QUEUE);
        assertThat(queue).as("the test job queue's section").isNotNull();
        assertThat(queue.selectFirst(".dead-letter-count").text()).isEqualTo("3");
        assertThat(page.getElementById("queue-" + SendQueue.NAME)).as("every job queue is listed").isNotNull();
        List<Element> rows = queue.select("tr.dead-letter");
        assertThat(rows).hasSize(3);
        // Newest first
        assertThat(rows.get(0).selectFirst(".dead-letter-job span").text()).isEqualTo("campaign-2:profile-2");
        assertThat(rows.get(0).selectFirst(".dead-letter-account").text()).isEqualTo(account);
        assertThat(rows.get(0).selectFirst(".dead-letter-reason").text()).isEqualTo("rejected after 5 attempts");
        assertThat(rows.get(0).text()).contains(
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC)
                    .format(died.plusSeconds(2)) + " UTC");
        assertThat(rows.get(2).selectFirst(".dead-letter-job span").text()).isEqualTo("campaign-0:profile-0");

        // Looking took nothing away, and kept the order
        assertThat(deadLetterCount()).isEqualTo(waiting);
        assertThat(page().getElementById("queue-" + QUEUE).select("tr.dead-letter .dead-letter-job span"))
            .extracting(Element::text)
            .containsExactly("campaign-2:profile-2", "campaign-1:profile-1", "campaign-0:profile-0");
    }

    @Test
    void oneOrAllAreRequeuedToTheirJobQueueOrDiscarded() throws Exception {
        Instant died = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 4; i++) {
            deadLetter("campaign-" + i, "profile-" + i, died.plusSeconds(i));
        }

        String second = letterId("campaign-1:profile-1");
        act("/admin/dead-letters/requeue", second);
        GetResponse requeued = rabbit.execute(channel -> channel.basicGet(QUEUE, true));
        assertThat(requeued).as("the job back on its queue").isNotNull();
        assertThat(new String(requeued.getBody(), StandardCharsets.UTF_8)).contains("\"sourceId\":\"campaign-1\"");
        Map<String, Object> headers = requeued.getProps().getHeaders();
        assertThat(headers).containsKey(JobPublisher.TENANT_HEADER)
            .doesNotContainKey(JobRetries.ATTEMPT_HEADER)
            .doesNotContainKey("x-death");
        assertThat(jobs()).containsExactly("campaign-3:profile-3", "campaign-2:profile-2", "campaign-0:profile-0");

        MvcResult discarded = act("/admin/dead-letters/discard", letterId("campaign-3:profile-3"));
        assertThat(discarded.getFlashMap().get("doneCode")).isEqualTo("admin.dead-letters.discarded");
        assertThat(jobs()).containsExactly("campaign-2:profile-2", "campaign-0:profile-0");
        assertThat(messagesIn(QUEUE)).isZero();

        // A letter already handled is simply not found
        MvcResult again = act("/admin/dead-letters/discard", second);
        assertThat(again.getFlashMap().get("doneCode")).isEqualTo("admin.dead-letters.none-found");

        MvcResult all = act("/admin/dead-letters/requeue", null);
        assertThat(all.getFlashMap().get("doneCount")).isEqualTo(2);
        assertThat(jobs()).isEmpty();
        assertThat(messagesIn(QUEUE)).isEqualTo(2);

        deadLetter("campaign-8", "profile-8", died);
        deadLetter("campaign-9", "profile-9", died);
        Element discardAll = page().getElementById("queue-" + QUEUE).selectFirst(".modal form");
        assertThat(discardAll.attr("action")).isEqualTo("/admin/dead-letters/discard");
        assertThat(discardAll.text()).contains("Discard all 2 dead letters of " + QUEUE + "?");
        act("/admin/dead-letters/discard", null);
        assertThat(jobs()).isEmpty();
        assertThat(page().getElementById("queue-" + QUEUE).text()).contains("No dead letters.");
    }

    @Test
    void onlyOperatorsReachTheDeadLettersAndOnlyJobQueuesAreTargets() throws Exception {
        deadLetter("campaign-0", "profile-0", Instant.now());

        MockHttpSession marketer = marketer();
        MvcResult shown = mvc.perform(get("/admin/dead-letters").session(marketer)).andReturn();
        assertThat(shown.getResponse().getStatus()).isEqualTo(302);
        assertThat(shown.getResponse().getRedirectedUrl()).endsWith("/admin/signin");
        MvcResult discard = mvc.perform(post("/admin/dead-letters/discard").session(marketer).with(csrf())
            .param("queue", QUEUE)).andReturn();
        assertThat(discard.getResponse().getStatus()).isIn(302, 403);
        String redirected = discard.getResponse().getRedirectedUrl();
        assertThat(redirected == null || redirected.endsWith("/admin/signin")).as("refused: " + redirected).isTrue();
        assertThat(jobs()).containsExactly("campaign-0:profile-0");

        // Not a job queue: refused, nothing moved
        assertThat(mvc.perform(post("/admin/dead-letters/requeue").session(operator).with(csrf())
            .param("queue", JobQueues.DEAD_LETTER_QUEUE)).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(jobs()).containsExactly("campaign-0:profile-0");
    }

    /** The job keys shown for the test queue, newest first. */
    private List<String> jobs() throws Exception {
        return page().getElementById("queue-" + QUEUE).select("tr.dead-letter .dead-letter-job span").stream()
            .map(Element::text).toList();
    }

    private String letterId(String jobKey) throws Exception {
        return page().getElementById("queue-" + QUEUE).select("tr.dead-letter").stream()
            .filter(row -> row.selectFirst(".dead-letter-job span").text().equals(jobKey))
            .map(row -> row.attr("data-id"))
            .findFirst().orElseThrow();
    }

    private MvcResult act(String path, String id) throws Exception {
        var request = post(path).session(operator).with(csrf()).param("queue", QUEUE);
        if (id != null) {
            request.param("id", id);
        }
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/admin/dead-letters");
        return result;
    }

    private Document page() throws Exception {
        MvcResult result = mvc.perform(get("/admin/dead-letters").session(operator)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    /** A send job of the test queue, dead-lettered after its fifth attempt, as RabbitMQ leaves it. */
    private void deadLetter(String source, String profile, Instant died) {
        Map<String, Object> death = new LinkedHashMap<>();
        death.put("count", 1L);
        death.put("reason", "rejected");
        death.put("queue", QUEUE);
        death.put("time", Date.from(died));
        death.put("exchange", JobQueues.JOBS_EXCHANGE);
        death.put("routing-keys", List.of(QUEUE));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(JobPublisher.TENANT_HEADER, account);
        headers.put(JobRetries.ATTEMPT_HEADER, 5);
        headers.put("__TypeId__", "dev.magpie.sending.SendJob");
        headers.put("x-death", List.of(death));
        headers.put("x-first-death-queue", QUEUE);
        headers.put("x-first-death-reason", "rejected");
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
            .deliveryMode(2).headers(headers).build();
        String body = """
                {"accountId":"%s","sourceId":"%s","profileIds":["%s"],"templateId":"t1"}"""
            .formatted(account, source, profile);
        // Into the dead-letter exchange under the job queue's name, as the broker dead-letters it; confirmed, so
        // the letter is on the queue before the page is read (an unconfirmed publish may still be on its way)
        rabbit.execute(channel -> {
            channel.confirmSelect();
            channel.basicPublish(JobQueues.DEAD_LETTER_EXCHANGE, QUEUE, properties,
                    body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
            return null;
        });
    }

    private int deadLetterCount() {
        return messagesIn(JobQueues.DEAD_LETTER_QUEUE);
    }

    private int messagesIn(String queue) {
        Integer count = rabbit.execute(channel -> channel.queueDeclarePassive(queue).getMessageCount());
        return count;
    }

    private void purge(String queue) {
        rabbit.execute(channel -> channel.queuePurge(queue));
    }

    private MockHttpSession marketer() throws Exception {
        String email = "owner-" + Ids.newId().toLowerCase() + "@example.com";
        MvcResult result = mvc.perform(post("/signup").session(new MockHttpSession()).with(csrf())
            .param("accountName", "Dead Letter Teas")
            .param("name", "Store Owner")
            .param("email", email)
            .param("password", "owner-password-1")).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
