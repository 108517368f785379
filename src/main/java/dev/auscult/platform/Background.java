package dev.auscult.platform;

import java.util.concurrent.ThreadFactory;

/**
 * Where the app's background work runs: named virtual threads whose failures are never silent. A task that throws is
 * logged with its thread's name and the exception (as Cryptomator's CatchingExecutors do); a bare
 * {@code Thread.ofVirtual().start(…)} would print it to a stderr nobody reads, or lose it. The window, the tray and
 * the schedulers start their threads here only (ArchUnit).
 */
public final class Background {

    private static final System.Logger LOG = System.getLogger(Background.class.getName());

    private Background() {
    }

    /** Runs {@code task} now on its own virtual thread named {@code name}. */
    public static Thread run(String name, Runnable task) {
        return Thread.ofVirtual().name(name).uncaughtExceptionHandler(Background::log).start(task);
    }

    /**
     * Runs {@code task} now on a platform thread: for work that must not wait for a carrier thread while the
     * virtual-thread scheduler is still warming up (the tray app's start).
     */
    public static Thread platformThread(String name, Runnable task) {
        return Thread.ofPlatform().name(name).uncaughtExceptionHandler(Background::log).start(task);
    }

    /** Threads for an executor (a schedule, a queue of saves): virtual, named, and logging what escapes a task. */
    public static ThreadFactory virtualThreads(String name) {
        return Thread.ofVirtual().name(name).uncaughtExceptionHandler(Background::log).factory();
    }

    /**
     * Daemon platform threads for an executor that must not hold the JVM open and must not be pinned by blocking
     * native calls (the tray's schedules).
     */
    public static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(Background::log);
            return t;
        };
    }

    private static void log(Thread t, Throwable e) {
        LOG.log(System.Logger.Level.ERROR, "background work " + t.getName() + " failed", e);
    }
}
