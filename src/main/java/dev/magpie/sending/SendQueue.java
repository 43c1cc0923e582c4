package dev.magpie.sending;

/**
 * Queues send jobs on the RabbitMQ job queue {@value #NAME}, returning once the broker holds them. Queuing a job
 * twice is harmless: the message log lets one of them send.
 */
public interface SendQueue {

    /** The job queue's name. */
    String NAME = "magpie.sending.email";

    /** Publishes {@code job} and waits for the broker's confirmation. */
    void enqueue(SendJob job);
}
