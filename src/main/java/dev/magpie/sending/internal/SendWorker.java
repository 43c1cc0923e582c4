package dev.magpie.sending.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import dev.magpie.engines.JobRetries;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.SendQueue;
import dev.magpie.sending.internal.EmailDelivery.Attempt;
import dev.magpie.tenancy.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePropertiesBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * Consumes send jobs, each to one or more recipients. A job is acknowledged once every recipient's message is
 * settled (sent, bounced, skipped, or settled by an earlier delivery) or handed on: the recipients whose message
 * failed for a passing reason go back in a job of their own to be tried again after a back-off, and are marked
 * failed and dead-lettered with the job after its last attempt; those over a send throttle, or whose message another
 * consumer holds (until it settles it, or its lease runs out and the message is taken over), go back after the first
 * back-off without counting an attempt, so waiting alone never dead-letters them. A job that cannot be read, or
 * names an unknown account or template, is dead-lettered at once: no attempt could deliver it.
 */
@Component
class SendWorker implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(SendWorker.class);

    private final EmailDelivery delivery;

    private final JobRetries retries;

    private final MessageConverter converter;

    private final String queue;

    @Autowired
    SendWorker(EmailDelivery delivery, JobRetries retries, MessageConverter converter) {
        this(delivery, retries, converter, SendQueue.NAME);
    }

    /** A worker of job queue {@code queue}, where its retries return. */
    SendWorker(EmailDelivery delivery, JobRetries retries, MessageConverter converter, String queue) {
        this.delivery = delivery;
        this.retries = retries;
        this.converter = converter;
        this.queue = queue;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        SendJob job;
        try {
            job = (SendJob) converter.fromMessage(message);
        }
        catch (MessageConversionException | ClassCastException | NullPointerException unreadable) {
            log.error("Dead-lettering a send job that cannot be read", unreadable);
            channel.basicReject(tag, false);
            return;
        }
        MDC.put("tenant", job.accountId());
        try {
            Map<String, Attempt> attempts = TenantContext.callInAccount(job.accountId(), () -> delivery.deliver(job,
                    Boolean.TRUE.equals(message.getMessageProperties().isRedelivered())));
            Map<String, Attempt> again = new LinkedHashMap<>();
            Map<String, Attempt> postponed = new LinkedHashMap<>();
            attempts.forEach((profileId, attempt) -> {
                switch (attempt.result()) {
                    case DEFERRED -> again.put(profileId, attempt);
                    // Nothing failed: another consumer holds the message (until it settles it or its lease ends),
                    // or it has to wait its turn
                    case BUSY, THROTTLED -> postponed.put(profileId, attempt);
                    default -> log.debug("Send job {} of account {}: {} ({})", job.idempotencyKey(profileId),
                            job.accountId(), attempt.result(), attempt.detail());
                }
            });
            if (!postponed.isEmpty()) {
                postpone(message, job, postponed);
            }
            if (!again.isEmpty() && !retryLater(message, job, again)) {
                // Out of attempts: the job goes to the dead letters, with the recipients already settled, which
                // settle again at once if it is ever queued again
                channel.basicReject(tag, false);
                return;
            }
            channel.basicAck(tag, false);
        }
        catch (PoisonedJobException poisoned) {
            log.error("Dead-lettering send job {} of account {}: {}", job.idempotencyKey(job.profileIds().get(0)),
                    job.accountId(), poisoned.getMessage());
            channel.basicReject(tag, false);
        }
        catch (RuntimeException failed) {
            // The claims could not be made (Cassandra failed): nothing was sent, so the whole job is tried again
            Map<String, Attempt> all = new LinkedHashMap<>();
            job.profileIds().forEach(id -> all.put(id, new Attempt(EmailDelivery.Result.DEFERRED, null,
                    failed.toString())));
            if (retryLater(message, job, all)) {
                channel.basicAck(tag, false);
            }
            else {
                channel.basicReject(tag, false);
            }
        }
        finally {
            MDC.remove("tenant");
        }
    }

    /**
     * Puts the recipients that have to wait back after the first back-off, in a job of their own, without an
     * attempt.
     */
    private void postpone(Message message, SendJob job, Map<String, Attempt> waiting) {
        log.debug("{} of send job {} of account {} wait ({}); trying again later", waiting.size(),
                job.idempotencyKey(job.profileIds().get(0)), job.accountId(),
                waiting.values().iterator().next().detail());
        retries.postpone(copyFor(message, job, waiting.keySet()), queue);
    }

    /**
     * Gives the recipients that did not settle another attempt, in a job of their own; when the job has had all its
     * attempts, marks them failed instead and returns {@code false}.
     */
    private boolean retryLater(Message message, SendJob job, Map<String, Attempt> unsettled) {
        int number = JobRetries.attempt(message);
        Attempt first = unsettled.values().iterator().next();
        if (retries.retryLater(copyFor(message, job, unsettled.keySet()), queue)) {
            log.warn("Attempt {} of send job {} of account {} did not settle {} of its {} recipients ({}); "
                    + "retrying later", number, job.idempotencyKey(unsettled.keySet().iterator().next()),
                    job.accountId(), unsettled.size(), job.profileIds().size(), first.detail());
            return true;
        }
        log.error("Attempt {} of send job {} of account {} failed for {} recipients ({}); dead-lettering it", number,
                job.idempotencyKey(unsettled.keySet().iterator().next()), job.accountId(), unsettled.size(),
                first.detail());
        unsettled.forEach((profileId, attempt) -> {
            if (attempt.claimId() != null) {
                TenantContext.runInAccount(job.accountId(), () -> delivery.giveUp(job.to(List.of(profileId)),
                        attempt.claimId(), attempt.detail()));
            }
        });
        return false;
    }

    /** The delivered message, with its headers, carrying the same job to {@code recipients} only. */
    private Message copyFor(Message message, SendJob job, Collection<String> recipients) {
        if (recipients.size() == job.profileIds().size()) {
            return message;
        }
        return converter.toMessage(job.to(List.copyOf(recipients)),
                MessagePropertiesBuilder.fromClonedProperties(message.getMessageProperties()).build());
    }
}
