package dev.auscult.ui;

import dev.auscult.instructions.SettingsLink;

/** Opens settings pages and links. A seam: tests record what would be opened instead of opening it. */
public interface LinkOpener {

    void open(SettingsLink link);

    /** Opens a link from instructions; only web, mail and OS-settings schemes are ever opened. */
    void openUri(String uri);
}
