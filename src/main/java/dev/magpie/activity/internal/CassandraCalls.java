package dev.magpie.activity.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import org.springframework.stereotype.Component;

/**
 * Runs the activity module's statements asynchronously, at most {@code magpie.activity.writes-in-flight} at
 * once per instance, and writes many rows the cheap way: rows bound for the same partition go as one unlogged
 * batch, which Cassandra applies as a single mutation.
 */
@Component
class CassandraCalls {

    /** Rows per batch: keeps a request well under the native protocol's frame size whatever the rows hold. */
    private static final int MAX_BATCH = 50;

    private final CqlSession session;

    private final Semaphore permits;

    CassandraCalls(CqlSession session, ActivityProperties properties) {
        this.session = session;
        this.permits = new Semaphore(properties.writesInFlight());
    }

    /** Sends {@code statement}, waiting first while too many are in flight. */
    CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
        permits.acquireUninterruptibly();
        try {
            return session.executeAsync(statement).toCompletableFuture().whenComplete((result, failure) -> permits.release());
        }
        catch (RuntimeException failed) {
            permits.release();
            throw failed;
        }
    }

    /** Every row {@code statement} selects, all pages of them. */
    List<Row> rows(Statement<?> statement) {
        List<Row> rows = new ArrayList<>();
        session.execute(statement).forEach(rows::add);
        return rows;
    }

    /** The rows {@code statement} selects, fetched a page at a time as the caller goes through them. */
    Iterator<Row> iterate(Statement<?> statement) {
        return session.execute(statement).iterator();
    }

    /** The rows of the first page of each statement, queried in parallel, in the order of the statements. */
    List<List<Row>> firstPages(List<? extends Statement<?>> statements) {
        List<CompletableFuture<List<Row>>> pages = statements.stream()
            .map(statement -> execute(statement).thenApply(CassandraCalls::currentPage))
            .toList();
        return pages.stream().map(CassandraCalls::await).toList();
    }

    /**
     * Applies every write and returns once all are acknowledged: writes to the same partition (same
     * {@link Write#partition()}) are sent together as unlogged batches, the rest in parallel.
     *
     * @throws RuntimeException the first failure, once every write has finished
     */
    void writeAll(Collection<Write> writes) {
        Map<String, List<BatchableStatement<?>>> byPartition = new LinkedHashMap<>();
        for (Write write : writes) {
            byPartition.computeIfAbsent(write.partition(), partition -> new ArrayList<>()).add(write.statement());
        }
        List<CompletableFuture<AsyncResultSet>> pending = new ArrayList<>();
        for (List<BatchableStatement<?>> statements : byPartition.values()) {
            for (int from = 0; from < statements.size(); from += MAX_BATCH) {
                List<BatchableStatement<?>> chunk = statements.subList(from,
                        Math.min(statements.size(), from + MAX_BATCH));
                pending.add(execute(chunk.size() == 1 ? chunk.get(0) : batch(chunk)));
            }
        }
        awaitAll(pending);
    }

    /** Waits for every future and rethrows the first failure, if any, once all have finished. */
    static void awaitAll(List<? extends CompletableFuture<?>> futures) {
        RuntimeException first = null;
        for (CompletableFuture<?> future : futures) {
            try {
                future.join();
            }
            catch (CompletionException failed) {
                if (first == null) {
                    first = failed.getCause() instanceof RuntimeException cause ? cause : failed;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        }
        catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private static BatchStatement batch(List<BatchableStatement<?>> statements) {
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
        statements.forEach(batch::addStatement);
        return batch.build();
    }

    static List<Row> currentPage(AsyncResultSet result) {
        List<Row> rows = new ArrayList<>(result.remaining());
        result.currentPage().forEach(rows::add);
        return rows;
    }

    /** One row to write, and the partition it belongs to (table and key), which decides how it is batched. */
    record Write(String partition, BatchableStatement<?> statement) {
    }
}
