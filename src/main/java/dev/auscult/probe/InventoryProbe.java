package dev.auscult.probe;

import dev.auscult.posture.Inventory;

/** Lists installed applications; only run when the policy has application requirements. */
public interface InventoryProbe {

    Inventory inventory(Evidence evidence);
}
