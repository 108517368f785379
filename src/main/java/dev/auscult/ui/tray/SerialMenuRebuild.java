package dev.auscult.ui.tray;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds a tray menu through a toolkit that applies each change in a later event — FXTrayIcon posts every
 * add to the AWT event queue, and a submenu a second time — so items added in one go land out of order
 * ("Help" after "Quit"). Here each item is handed over only once the previous one's events have run, and a
 * newer menu waits for (or cuts short at an item boundary) the rebuild in progress, never mixing with it.
 */
final class SerialMenuRebuild<T> {

    /** The toolkit's menu: each call may take effect in events it posts to the same queue. */
    interface Sink<T> {
        void clear();

        void add(T item);
    }

    private final Executor eventQueue;
    private final Sink<T> sink;
    private final AtomicReference<List<T>> pending = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();

    SerialMenuRebuild(Executor eventQueue, Sink<T> sink) {
        this.eventQueue = eventQueue;
        this.sink = sink;
    }

    /** Any thread. The last menu given is the one that ends up shown. */
    void rebuild(List<T> items) {
        pending.set(List.copyOf(items));
        if (running.compareAndSet(false, true)) {
            eventQueue.execute(this::next);
        }
    }

    private void next() {
        List<T> items = pending.getAndSet(null);
        if (items == null) {
            running.set(false);
            // a menu given between the check and the flag's reset must not wait for the next rebuild
            if (pending.get() != null && running.compareAndSet(false, true)) {
                eventQueue.execute(this::next);
            }
            return;
        }
        sink.clear();
        eventQueue.execute(() -> step(items, 0));
    }

    private void step(List<T> items, int i) {
        if (i == items.size() || pending.get() != null) {
            eventQueue.execute(this::next);
            return;
        }
        sink.add(items.get(i));
        // two hops: the add's own event runs, then a submenu's second event, then the next item
        eventQueue.execute(() -> eventQueue.execute(() -> step(items, i + 1)));
    }
}
