package dev.magpie.sending;

import java.util.List;

/**
 * Queues send jobs on the RabbitMQ job queue {@value #NAME}, returning once the broker holds them. Queuing a job
 * twice is harmless: the message log lets one of them send.
 */
public interface SendQueue {

    /** The job queue's name. */
    String NAME = "magpie.sending.email";

    /** Publishes {@code job} and waits for the broker's confirmation. */
    void enqueue(SendJob job);

    /**
     * Publishes {@code jobs} and waits until the broker confirmed every one of them; when it throws, any of them
     * may or may not be queued.
     */
    default void enqueueAll(List<SendJob> jobs) {
        jobs.forEach(this::enqueue);
    }
}
