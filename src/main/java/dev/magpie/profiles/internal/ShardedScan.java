package dev.magpie.profiles.internal;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Reads several partitions that are each sorted the same way as one sorted sequence: the first page of every
 * partition is requested at once, and each partition's next page only when the merge reaches its end. Small
 * pages keep a page of a listing cheap although it spans all shards.
 */
final class ShardedScan implements Iterator<Row> {

    private final PriorityQueue<Cursor> heads;

    /** Starts the scan of {@code queries}, one per partition, whose rows {@code order} sorts. */
    ShardedScan(List<CompletionStage<AsyncResultSet>> queries, Comparator<Row> order) {
        this.heads = new PriorityQueue<>(Math.max(1, queries.size()), (a, b) -> order.compare(a.head, b.head));
        List<CompletableFuture<AsyncResultSet>> pages = queries.stream().map(CompletionStage::toCompletableFuture)
            .toList();
        for (CompletableFuture<AsyncResultSet> page : pages) {
            Cursor cursor = new Cursor(page.join());
            if (cursor.advance()) {
                heads.add(cursor);
            }
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public Row next() {
        Cursor cursor = heads.poll();
        if (cursor == null) {
            throw new NoSuchElementException();
        }
        Row row = cursor.head;
        if (cursor.advance()) {
            heads.add(cursor);
        }
        return row;
    }

    /** One partition's position: its current row and the rest of its current page. */
    private static final class Cursor {

        private AsyncResultSet page;

        private Iterator<Row> rows;

        private Row head;

        private Cursor(AsyncResultSet page) {
            this.page = page;
            this.rows = page.currentPage().iterator();
        }

        private boolean advance() {
            while (!rows.hasNext()) {
                if (!page.hasMorePages()) {
                    head = null;
                    return false;
                }
                page = page.fetchNextPage().toCompletableFuture().join();
                rows = page.currentPage().iterator();
            }
            head = rows.next();
            return true;
        }
    }
}
