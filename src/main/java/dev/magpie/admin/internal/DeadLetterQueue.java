package dev.magpie.admin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ReturnListener;
import dev.magpie.engines.JobQueues;
import dev.magpie.engines.JobRetries;
import dev.magpie.engines.JobPublisher;
import dev.magpie.engines.MessagingProperties;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead letters of Magpie's job queues, read and handled over AMQP (RabbitMQ's management API is not assumed).
 *
 * <p>Every job queue dead-letters into the one queue {@value JobQueues#DEAD_LETTER_QUEUE}, keeping its own name as
 * routing key; this groups the dead letters by the job queue they came from. AMQP cannot look at a message without
 * taking it, so reading takes messages one by one ({@code basic.get} without acknowledgement) on a channel of its
 * own and gives every one back ({@code basic.nack} with requeue), which keeps them, in their order, for the next
 * look. A message is acted on only once the scan has found it: requeued messages are published to their job queue
 * with a publisher confirm before the dead letter is acknowledged, so nothing is lost between the two (a crash
 * there leaves a copy in each, and a job queue's consumers settle a job once).
 */
@Component
class DeadLetterQueue {

    /** How many dead letters a look reads at most; past that the counts say "at least". */
    static final int SCAN_LIMIT = 10_000;

    /** How often an empty get is asked again, 50 ms apart, while letters are counted as waiting. */
    private static final int GIVE_BACK_RETRIES = 40;

    /** How long the letters a scan gave back may be missing from the queue's count while the broker puts them back. */
    private static final long GIVE_BACK_NANOS = 2_000_000_000L;

    /**
     * How many letters the last scan of this instance gave back, and when ({@link System#nanoTime}). The broker
     * requeues them asynchronously, so a scan right after it (the page shown after an action) could count an
     * empty queue and show no letters at all.
     */
    private final AtomicReference<GivenBack> givenBack = new AtomicReference<>(new GivenBack(0, 0));

    private record GivenBack(int count, long at) {
    }

    /** How many of the newest dead letters of each job queue a look keeps. */
    static final int NEWEST = 20;

    private final ConnectionFactory connections;

    private final ObjectProvider<Declarables> declarables;

    private final MessagingProperties properties;

    private final JsonMapper json;

    DeadLetterQueue(ConnectionFactory connections, ObjectProvider<Declarables> declarables,
            MessagingProperties properties, JsonMapper json) {
        this.connections = connections;
        this.declarables = declarables;
        this.properties = properties;
        this.json = json;
    }

    /** A dead letter as operators see it. */
    record DeadLetter(String id, String queue, String account, String jobKey, String reason, int attempts,
            Instant deadAt, String body) {
    }

    /** One job queue's dead letters: how many, and the newest first. */
    record QueueDeadLetters(String queue, int count, List<DeadLetter> newest) {
    }

    /** What one look found: per job queue, and in all. */
    record Overview(List<QueueDeadLetters> queues, int total, boolean partial) {
    }

    /** The job queues declared in this application: those dead-lettering into the dead-letter exchange. */
    List<String> jobQueues() {
        TreeSet<String> names = new TreeSet<>();
        declarables.orderedStream().forEach(group -> group.getDeclarablesByType(Queue.class).forEach(queue -> {
            if (JobQueues.DEAD_LETTER_EXCHANGE.equals(queue.getArguments().get("x-dead-letter-exchange"))) {
                names.add(queue.getName());
            }
        }));
        return List.copyOf(names);
    }

    /** Reads the dead letters (up to {@link #SCAN_LIMIT}) and gives them all back. */
    Overview look() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, ArrayDeque<DeadLetter>> newest = new LinkedHashMap<>();
        jobQueues().forEach(queue -> {
            counts.put(queue, 0);
            newest.put(queue, new ArrayDeque<>());
        });
        int[] total = {0};
        boolean partial = scan(letter -> {
            total[0]++;
            counts.merge(letter.queue(), 1, Integer::sum);
            ArrayDeque<DeadLetter> kept = newest.computeIfAbsent(letter.queue(), queue -> new ArrayDeque<>());
            // The queue is oldest first: the last ones read are the newest
            kept.addFirst(letter);
            if (kept.size() > NEWEST) {
                kept.removeLast();
            }
            return Action.KEEP;
        });
        List<QueueDeadLetters> queues = new ArrayList<>();
        counts.forEach((queue, count) -> queues.add(
                new QueueDeadLetters(queue, count, List.copyOf(newest.get(queue)))));
        return new Overview(queues, total[0], partial);
    }

    /**
     * Puts the dead letters of job queue {@code queue} that {@code which} accepts back on that queue, as new jobs
     * with all their attempts before them; returns how many.
     */
    int requeue(String queue, Predicate<DeadLetter> which) {
        requireJobQueue(queue);
        int[] done = {0};
        scan(letter -> {
            if (letter.queue().equals(queue) && which.test(letter)) {
                done[0]++;
                return Action.REQUEUE;
            }
            return Action.KEEP;
        });
        return done[0];
    }

    /** Deletes the dead letters of job queue {@code queue} that {@code which} accepts; returns how many. */
    int discard(String queue, Predicate<DeadLetter> which) {
        requireJobQueue(queue);
        int[] done = {0};
        scan(letter -> {
            if (letter.queue().equals(queue) && which.test(letter)) {
                done[0]++;
                return Action.DISCARD;
            }
            return Action.KEEP;
        });
        return done[0];
    }

    private void requireJobQueue(String queue) {
        if (!jobQueues().contains(queue)) {
            throw new IllegalArgumentException("Not a job queue: " + queue);
        }
    }

    private enum Action {
        KEEP, REQUEUE, DISCARD
    }

    private interface Visitor {

        Action visit(DeadLetter letter) throws IOException;
    }

    /** Takes each dead letter once, up to the limit, and acts on it; true when more were left unread. */
    private boolean scan(Visitor visitor) {
        try (Connection connection = connections.createConnection();
                Channel channel = connection.createChannel(false)) {
            channel.confirmSelect();
            // Only what is there now: requeued letters would otherwise come round again
            int waiting = waiting(channel);
            int reads = Math.min(waiting, SCAN_LIMIT);
            // Read and not acknowledged: given back when the scan ends, whatever happens (the channel is pooled,
            // and a letter it held would be held until the application stops)
            List<Long> outstanding = new ArrayList<>();
            try {
                for (int i = 0; i < reads; i++) {
                    GetResponse response = next(channel);
                    if (response == null) {
                        break;
                    }
                    long tag = response.getEnvelope().getDeliveryTag();
                    outstanding.add(tag);
                    DeadLetter letter = read(response);
                    switch (visitor.visit(letter)) {
                        case REQUEUE -> {
                            republish(channel, letter.queue(), response);
                            channel.basicAck(tag, false);
                            outstanding.remove(outstanding.size() - 1);
                        }
                        case DISCARD -> {
                            channel.basicAck(tag, false);
                            outstanding.remove(outstanding.size() - 1);
                        }
                        // Given back at the end: a requeue now would put it where the next get finds it
                        case KEEP -> {
                        }
                    }
                }
            }
            finally {
                // One by one, in the order read: each goes back where it was
                for (long tag : outstanding) {
                    channel.basicNack(tag, false, true);
                }
                givenBack.set(new GivenBack(outstanding.size(), System.nanoTime()));
            }
            return waiting > reads;
        }
        catch (IOException | TimeoutException failed) {
            throw new IllegalStateException("Could not read " + JobQueues.DEAD_LETTER_QUEUE + ": " + failed, failed);
        }
    }

    /**
     * How many dead letters wait; while letters the last scan gave back may still be on their way back, asked
     * again for a moment until at least that many are counted.
     */
    private int waiting(Channel channel) throws IOException {
        GivenBack back = givenBack.get();
        int waiting = channel.queueDeclarePassive(JobQueues.DEAD_LETTER_QUEUE).getMessageCount();
        while (waiting < back.count() && System.nanoTime() - back.at() < GIVE_BACK_NANOS) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waiting = channel.queueDeclarePassive(JobQueues.DEAD_LETTER_QUEUE).getMessageCount();
        }
        return waiting;
    }

    /**
     * The next dead letter. Letters another look gave back a moment ago are counted as waiting while the broker is
     * still putting them back, so an empty answer is asked again for a moment before it is believed.
     */
    private static GetResponse next(Channel channel) throws IOException {
        for (int attempt = 0; attempt < GIVE_BACK_RETRIES; attempt++) {
            GetResponse response = channel.basicGet(JobQueues.DEAD_LETTER_QUEUE, false);
            if (response != null) {
                return response;
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void republish(Channel channel, String queue, GetResponse response) throws IOException {
        AMQP.BasicProperties original = response.getProps();
        Map<String, Object> headers = new LinkedHashMap<>(original.getHeaders() == null ? Map.of()
                : original.getHeaders());
        // A new job: all its attempts before it, and no history of the earlier deaths
        headers.remove(JobRetries.ATTEMPT_HEADER);
        headers.keySet().removeIf(name -> name.startsWith("x-death") || name.startsWith("x-first-death")
                || name.startsWith("x-last-death"));
        AMQP.BasicProperties properties = original.builder().headers(headers).deliveryMode(2).build();
        AtomicBoolean returned = new AtomicBoolean();
        ReturnListener unroutable = (code, text, exchange, routingKey, props, body) -> returned.set(true);
        channel.addReturnListener(unroutable);
        try {
            channel.basicPublish(JobQueues.JOBS_EXCHANGE, queue, true, properties, response.getBody());
            // RabbitMQ returns an unroutable message before it confirms it
            channel.waitForConfirmsOrDie(this.properties.confirmTimeout().toMillis());
            if (returned.get()) {
                throw new IOException("No queue took the job requeued to " + queue);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for RabbitMQ to confirm a requeued job", e);
        }
        catch (TimeoutException e) {
            throw new IOException("RabbitMQ did not confirm a requeued job within " + this.properties.confirmTimeout(),
                    e);
        }
        finally {
            channel.removeReturnListener(unroutable);
        }
    }

    private DeadLetter read(GetResponse response) {
        AMQP.BasicProperties props = response.getProps();
        Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
        Map<String, Object> death = latestDeath(headers);
        String queue = text(death.get("queue"));
        if (queue == null) {
            // A broker without x-death: the dead-letter exchange keeps the job queue's name as routing key
            queue = response.getEnvelope().getRoutingKey();
        }
        String reason = text(death.get("reason"));
        Object attempt = headers.get(JobRetries.ATTEMPT_HEADER);
        Instant deadAt = death.get("time") instanceof Date date ? date.toInstant()
                : props.getTimestamp() != null ? props.getTimestamp().toInstant() : null;
        String body = new String(response.getBody(), StandardCharsets.UTF_8);
        return new DeadLetter(id(props, response.getBody()), queue, text(headers.get(JobPublisher.TENANT_HEADER)),
                jobKey(body), reason, attempt instanceof Number number ? number.intValue() : 1, deadAt, body);
    }

    /**
     * RabbitMQ's record of the death that brought the letter here: x-death lists the latest first (a job that went
     * through retry queues also has their expiries in it).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> latestDeath(Map<String, Object> headers) {
        if (headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> death) {
            return (Map<String, Object>) death;
        }
        return Map.of();
    }

    /**
     * What the job names itself by: a send job's idempotency key (its first recipient's, and how many more it holds),
     * another job's id.
     */
    private String jobKey(String body) {
        try {
            JsonNode job = json.readTree(body);
            JsonNode recipients = job.get("profileIds");
            if (job.hasNonNull("sourceId") && recipients != null && recipients.isArray() && !recipients.isEmpty()) {
                String key = job.get("sourceId").asString() + ":" + recipients.get(0).asString();
                return recipients.size() == 1 ? key : key + " and " + (recipients.size() - 1) + " more";
            }
            for (String field : List.of("jobId", "deliveryId", "id")) {
                if (job.hasNonNull(field)) {
                    return job.get(field).asString();
                }
            }
        }
        catch (RuntimeException unreadable) {
            // Not JSON: the page shows the body as it is
        }
        return null;
    }

    /**
     * Names one dead letter across looks: its message id when it has one, else a digest of its body and headers
     * (two copies of the same job dead-lettered alike are the same letter, and either may be taken for it).
     */
    private static String id(AMQP.BasicProperties props, byte[] body) {
        if (props.getMessageId() != null) {
            return props.getMessageId();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(body);
            digest.update(String.valueOf(props.getHeaders() == null ? null : new TreeMap<>(props.getHeaders()))
                .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
