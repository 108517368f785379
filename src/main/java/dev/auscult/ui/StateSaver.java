package dev.auscult.ui;

import dev.auscult.app.SettingsStore;
import dev.auscult.app.UserSettings;
import dev.auscult.app.VerdictMemory;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.Verdict;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes the window's state files (user settings, the last verdicts) off the FX thread, one at a time and
 * in order — an older snapshot can never land after a newer one — and lets Quit wait for what is pending.
 */
final class StateSaver implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StateSaver.class.getName());

    private final SettingsStore settings;
    private final VerdictMemory memory;
    private final ExecutorService saves = Executors.newSingleThreadExecutor(dev.auscult.platform.Background.virtualThreads("auscult-save"));

    StateSaver(SettingsStore settings, VerdictMemory memory) {
        this.settings = settings;
        this.memory = memory;
    }

    void settings(UserSettings toStore) {
        saves.execute(() -> {
            try {
                settings.save(toStore);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not save settings: {0}", e.getMessage());
            }
        });
    }

    void verdicts(Map<PracticeId, Verdict> toStore) {
        saves.execute(() -> {
            try {
                memory.save(toStore);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not save the last verdicts: {0}", e.getMessage());
            }
        });
    }

    /** Waits for the pending saves (Quit must not lose the user's last choice). */
    @Override
    public void close() {
        saves.close();
    }
}
