package dev.auscult.probe;

import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Inventory;
import dev.auscult.posture.Observation;
import java.util.List;
import java.util.Optional;

/** What one scan found, before any policy is applied. */
public record DeviceScan(DeviceFacts device, List<Observation> observations, Optional<Inventory> inventory) {

    public DeviceScan {
        observations = List.copyOf(observations);
    }
}
