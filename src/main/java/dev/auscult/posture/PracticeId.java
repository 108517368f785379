package dev.auscult.posture;

import java.util.Optional;

/** Every practice Auscult reports, keyed as in Stethoscope policies and the scan report. */
public enum PracticeId {
    OS_VERSION("osVersion"),
    FIREWALL("firewall"),
    DISK_ENCRYPTION("diskEncryption"),
    AUTOMATIC_UPDATES("automaticUpdates"),
    SCREEN_LOCK("screenLock"),
    SCREEN_IDLE("screenIdle"),
    REMOTE_LOGIN("remoteLogin"),
    ANTIVIRUS("antivirus"),
    GATEKEEPER("gatekeeper"),
    SYSTEM_INTEGRITY("systemIntegrity"),
    OPEN_WIFI_CONNECTIONS("openWifiConnections"),
    APPLICATIONS("applications"),
    AGENT_VERSION("agentVersion");

    private final String key;

    PracticeId(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<PracticeId> fromKey(String key) {
        for (PracticeId p : values()) {
            if (p.key.equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
