package dev.magpie.sending.internal;

import java.io.IOException;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * Consumes send jobs. A job is acknowledged once its message is settled (sent, bounced, skipped, or settled by an
 * earlier delivery); a transient failure, or a message another consumer is still sending, is tried again after a
 * back-off, and marked failed and dead-lettered after the last attempt. A job over a send throttle is put back
 * after the first back-off without counting an attempt, so throttling alone never dead-letters it. A job that
 * cannot be read, or names an unknown account or template, is dead-lettered at once: no attempt could deliver it.
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
            Attempt attempt = TenantContext.callInAccount(job.accountId(), () -> delivery.deliver(job,
                    Boolean.TRUE.equals(message.getMessageProperties().isRedelivered())));
            switch (attempt.result()) {
                case DEFERRED, BUSY -> retryLater(message, channel, tag, job, attempt);
                case THROTTLED -> postpone(message, channel, tag, job, attempt);
                default -> {
                    log.debug("Send job {} of account {}: {} ({})", job.idempotencyKey(), job.accountId(),
                            attempt.result(), attempt.detail());
                    channel.basicAck(tag, false);
                }
            }
        }
        catch (PoisonedJobException poisoned) {
            log.error("Dead-lettering send job {} of account {}: {}", job.idempotencyKey(), job.accountId(),
                    poisoned.getMessage());
            channel.basicReject(tag, false);
        }
        catch (RuntimeException failed) {
            // Cassandra, MySQL or the event store failed: every step is idempotent, so the job is simply tried again
            retryLater(message, channel, tag, job, new Attempt(EmailDelivery.Result.DEFERRED, null,
                    failed.toString()));
        }
        finally {
            MDC.remove("tenant");
        }
    }

    private void postpone(Message message, Channel channel, long tag, SendJob job, Attempt attempt)
            throws IOException {
        log.debug("Send job {} of account {} {}; trying again later", job.idempotencyKey(), job.accountId(),
                attempt.detail());
        retries.postpone(message, queue);
        channel.basicAck(tag, false);
    }

    private void retryLater(Message message, Channel channel, long tag, SendJob job, Attempt attempt)
            throws IOException {
        int number = JobRetries.attempt(message);
        if (retries.retryLater(message, queue)) {
            log.warn("Attempt {} of send job {} of account {} did not settle it ({}); retrying later", number,
                    job.idempotencyKey(), job.accountId(), attempt.detail());
            channel.basicAck(tag, false);
            return;
        }
        log.error("Attempt {} of send job {} of account {} failed ({}); dead-lettering it", number,
                job.idempotencyKey(), job.accountId(), attempt.detail());
        if (attempt.claimId() != null) {
            TenantContext.runInAccount(job.accountId(), () -> delivery.giveUp(job, attempt.claimId(),
                    attempt.detail()));
        }
        channel.basicReject(tag, false);
    }
}
