package dev.auscult.localapi;

import dev.auscult.posture.DeviceScan;

/** Where the local API gets the device's state from (a live scan in the app, a snapshot in tests). */
@FunctionalInterface
public interface ScanSource {

    DeviceScan scan(boolean withInventory);
}
