package dev.auscult.probe;

import dev.auscult.posture.OsPlatform;
import java.util.List;

/** Everything one platform family knows how to check. */
public record ProbeSet(OsPlatform platform, DeviceProbe device, List<PracticeProbe> practices, InventoryProbe inventory) {

    public ProbeSet {
        practices = List.copyOf(practices);
    }
}
