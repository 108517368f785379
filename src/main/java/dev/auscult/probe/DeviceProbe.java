package dev.auscult.probe;

import dev.auscult.posture.DeviceFacts;
import java.util.List;

/** Reads the device's inventory facts: OS name and version, identity, hardware model. */
public interface DeviceProbe {

    List<String> sources();

    DeviceFacts describe(Evidence evidence);
}
