package dev.auscult.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build was made from (written into agent.properties by the build). */
public final class AgentVersion {

    private AgentVersion() {
    }

    public static String current() {
        try (InputStream in = AgentVersion.class.getResourceAsStream("agent.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: an unknown version is reported as such
        }
        return "0.0.0-unknown";
    }
}
