package dev.magpie.activity.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.magpie.engines.JobQueues;
import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The activity module's own threads and its RabbitMQ queue. */
@Configuration(proxyBeanMethods = false)
class ActivityConfiguration {

    /** Bulk jobs resolve their profiles on these threads: profile look-ups block, writes do not. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService activityProfileLookups(ActivityProperties properties) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "activity-profiles-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(properties.bulkProfileThreads(), threads);
    }

    @Bean
    Declarables eventBulkCreateQueue(JobQueues queues) {
        return queues.declare(EventBulkCreateJobs.QUEUE);
    }
}
