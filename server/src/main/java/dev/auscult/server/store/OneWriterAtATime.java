package dev.auscult.server.store;

import java.sql.SQLTransientException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * SQLite takes one writer at a time. Left to SQLite, sixteen transactions of this process would wait for its
 * lock by sleeping and polling (its busy handler sleeps up to 100 ms between tries), which cut the embedded
 * server's throughput several times over; queued here, first come first served, each begins the moment the
 * last one commits. Readers are not queued (WAL mode lets them read beside the writer). A transaction that
 * cannot begin within the statement timeout fails as the database being busy: 503, the agent retries.
 */
final class OneWriterAtATime extends LocalTransactionHandler {

    private final ReentrantLock writer = new ReentrantLock(true);
    private final long waitSeconds;

    OneWriterAtATime(long waitSeconds) {
        this.waitSeconds = waitSeconds;
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        acquire();
        try {
            return super.inTransaction(handle, callback);
        } finally {
            writer.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
        acquire();
        try {
            return super.inTransaction(handle, level, callback);
        } finally {
            writer.unlock();
        }
    }

    private void acquire() {
        try {
            if (!writer.tryLock(waitSeconds, TimeUnit.SECONDS)) {
                throw new TransactionException("the database is busy", new SQLTransientException("no turn to write within " + waitSeconds + " s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionException("interrupted while waiting to write", new SQLTransientException(e));
        }
    }
}
