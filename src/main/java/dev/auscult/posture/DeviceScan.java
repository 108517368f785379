package dev.auscult.posture;

import java.util.List;
import java.util.Optional;

/** What one scan found, before any policy is applied. */
public record DeviceScan(DeviceFacts device, List<Observation> observations, Optional<Inventory> inventory) {

    public DeviceScan {
        observations = List.copyOf(observations);
    }
}
