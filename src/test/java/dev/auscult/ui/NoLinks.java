package dev.auscult.ui;

import dev.auscult.instructions.SettingsLink;

/** For tests of windows whose links are not what they check: a click on one opens nothing. */
public final class NoLinks implements LinkOpener {

    @Override
    public void open(SettingsLink link) {
    }

    @Override
    public void openUri(String uri) {
    }
}
