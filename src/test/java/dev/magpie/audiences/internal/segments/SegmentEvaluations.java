package dev.magpie.audiences.internal.segments;

import org.springframework.context.ApplicationContext;

/**
 * Lets tests of other modules run the pending full segment evaluations now: tests run without the background
 * poller (see the surefire configuration), so a segment made through the API is evaluated when a test says so.
 */
public final class SegmentEvaluations {

    private SegmentEvaluations() {
    }

    /** Evaluates every segment waiting for its full evaluation, in the calling thread. */
    public static void runPending(ApplicationContext context) {
        context.getBean(FullEvaluator.class).runPending();
    }
}
