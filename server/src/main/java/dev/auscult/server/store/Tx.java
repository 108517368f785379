package dev.auscult.server.store;

import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The unit of work: what a service does to several tables happens in one transaction, and a service called from
 * inside another's unit of work joins it (JDBI keeps the thread's open handle, and a transaction begun inside a
 * transaction is the same one) — so "store the report, queue its posture change, move the device on" commits or
 * fails together however the services that do each part are composed.
 */
public final class Tx {

    private final Jdbi jdbi;
    private final boolean skipLocked;

    Tx(Jdbi jdbi, boolean skipLocked) {
        this.jdbi = jdbi;
        this.skipLocked = skipLocked;
    }

    /** Work that writes: in one transaction, joining the thread's open one. */
    public <T> T run(Function<Stores, T> work) {
        return jdbi.inTransaction(h -> work.apply(new JdbiStores(h, skipLocked)));
    }

    /** {@link #run} for work with no answer. */
    public void use(Consumer<Stores> work) {
        jdbi.useTransaction(h -> work.accept(new JdbiStores(h, skipLocked)));
    }

    /**
     * Work that only reads: no transaction of its own (on the embedded database a transaction takes the one write
     * lock), but inside an open unit of work it reads what that has written so far.
     */
    public <T> T read(Function<Stores, T> work) {
        return jdbi.withHandle(h -> work.apply(new JdbiStores(h, skipLocked)));
    }
}
