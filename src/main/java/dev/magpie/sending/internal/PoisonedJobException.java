package dev.magpie.sending.internal;

/** A send job that no attempt can deliver (an unknown account or template): it goes to the dead-letter queue. */
class PoisonedJobException extends RuntimeException {

    PoisonedJobException(String message) {
        super(message);
    }
}
