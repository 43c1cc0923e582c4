package dev.magpie.activity.internal;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import dev.magpie.engines.JobRetries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Works off bulk event jobs from RabbitMQ, {@code magpie.activity.bulk-consumers} at a time per instance. A job
 * that fails (Cassandra unreachable, say) is tried again after a back-off, then dead-lettered and marked failed;
 * trying again is safe, since recording is idempotent.
 */
@Component
class EventBulkCreateWorker {

    private static final Logger log = LoggerFactory.getLogger(EventBulkCreateWorker.class);

    private final EventBulkCreateJobs jobs;

    private final JobRetries retries;

    EventBulkCreateWorker(EventBulkCreateJobs jobs, JobRetries retries) {
        this.jobs = jobs;
        this.retries = retries;
    }

    @RabbitListener(queues = EventBulkCreateJobs.QUEUE, concurrency = "${magpie.activity.bulk-consumers:2}")
    void work(EventBulkCreateJobMessage job, Message message, Channel channel,
            @Header(AmqpHeaders.DELIVERY_TAG) long tag) throws IOException {
        try {
            jobs.process(job);
            channel.basicAck(tag, false);
        }
        catch (RuntimeException failed) {
            log.warn("Bulk event job {} of account {} failed (attempt {})", job.jobId(), job.accountId(),
                    JobRetries.attempt(message), failed);
            if (retries.retryLater(message, EventBulkCreateJobs.QUEUE)) {
                channel.basicAck(tag, false);
            }
            else {
                jobs.giveUp(job);
                channel.basicReject(tag, false);
            }
        }
    }
}
