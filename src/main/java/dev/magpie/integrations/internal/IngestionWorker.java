package dev.magpie.integrations.internal;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import dev.magpie.activity.EventRecorder;
import dev.magpie.engines.JobRetries;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * Turns queued deliveries into profiles and events. A delivery is acknowledged once everything it asks for is
 * stored; when storing fails it is tried again after a back-off (every step is idempotent: events carry unique
 * ids, upserts converge), and dead-lettered for operators after the last attempt. A payload that cannot be read
 * is not worth retrying: it is logged and dropped, as is a single item whose identifiers are malformed.
 */
@Component
public class IngestionWorker implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(IngestionWorker.class);

    private final Map<Feed, FeedMapper> mappers = new EnumMap<>(Feed.class);

    private final Profiles profiles;

    private final EventRecorder events;

    private final JobRetries retries;

    private final MessageConverter converter;

    IngestionWorker(List<FeedMapper> mappers, Profiles profiles, EventRecorder events, JobRetries retries,
            MessageConverter converter) {
        mappers.forEach(mapper -> this.mappers.put(mapper.feed(), mapper));
        this.profiles = profiles;
        this.events = events;
        this.retries = retries;
        this.converter = converter;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        IngestionJob job;
        try {
            job = (IngestionJob) converter.fromMessage(message);
        }
        catch (MessageConversionException | ClassCastException unreadable) {
            log.error("Dead-lettering an ingestion job that cannot be read", unreadable);
            channel.basicReject(tag, false);
            return;
        }
        MDC.put("tenant", job.accountId());
        try {
            long started = System.nanoTime();
            TenantContext.runInAccount(job.accountId(), () -> process(job));
            channel.basicAck(tag, false);
            log.debug("Processed {} delivery {} ({}) in {} ms", job.feed(), job.deliveryId(), job.topic(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        catch (RuntimeException failed) {
            int attempt = JobRetries.attempt(message);
            if (retries.retryLater(message, IngestionQueue.NAME)) {
                log.warn("Attempt {} of {} delivery {} failed; retrying later", attempt, job.feed(),
                        job.deliveryId(), failed);
                channel.basicAck(tag, false);
            }
            else {
                log.error("Attempt {} of {} delivery {} failed; dead-lettering it", attempt, job.feed(),
                        job.deliveryId(), failed);
                channel.basicReject(tag, false);
            }
        }
        finally {
            MDC.remove("tenant");
        }
    }

    /** Stores what {@code job} asks for. */
    void process(IngestionJob job) {
        FeedMapper mapper = mappers.get(job.feed());
        if (mapper == null) {
            throw new IllegalStateException("No mapper reads " + job.feed());
        }
        List<Ingestion> items;
        try {
            items = mapper.map(job);
        }
        catch (PayloadException unreadable) {
            log.warn("Dropping {} delivery {} ({}): {} at {}", job.feed(), job.deliveryId(), job.topic(),
                    unreadable.getMessage(), unreadable.pointer());
            return;
        }
        for (Ingestion item : items) {
            apply(job, item, true);
        }
    }

    private void apply(IngestionJob job, Ingestion item, boolean firstTry) {
        try {
            store(job.accountId(), item);
        }
        catch (InvalidProfileException invalid) {
            // Stores often hold phone numbers in local formats; the rest of the profile is still worth keeping
            Ingestion withoutPhone = item.withoutPhoneNumber();
            if (firstTry && "phone_number".equals(invalid.field()) && withoutPhone.identifiesProfile()) {
                log.info("Ignoring the malformed phone number of a {} delivery {}: {}", job.feed(),
                        job.deliveryId(), invalid.getMessage());
                apply(job, withoutPhone, false);
                return;
            }
            log.warn("Skipping part of {} delivery {}: {} ({})", job.feed(), job.deliveryId(), invalid.getMessage(),
                    invalid.field());
        }
    }

    private void store(String accountId, Ingestion item) {
        if (item instanceof Ingestion.UpsertProfile upsert) {
            profiles.upsert(accountId, upsert.attributes());
        }
        else if (item instanceof Ingestion.RecordEvent record) {
            events.record(accountId, record.event());
        }
    }
}
