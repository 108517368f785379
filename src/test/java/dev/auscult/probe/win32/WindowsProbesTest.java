package dev.auscult.probe.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.State;
import dev.auscult.probe.Recorded;
import org.junit.jupiter.api.Test;

class WindowsProbesTest {

    private static Observation av(String products) {
        return new WindowsAntivirusProbe().observe(Recorded.on(OsPlatform.WIN32).command("win32.antivirus_products", 0, products).evidence());
    }

    @Test
    void securityCenterProductStateIsDecodedFromOneObjectOrAnArray() {
        // 397568 = 0x061100: enabled, definitions up to date (Windows Defender on a Windows 10 desktop)
        assertEquals(State.ON, av("{\r\n    \"displayName\":  \"Windows Defender\",\r\n    \"productState\":  397568\r\n}\r\n").state());
        // 393472 = 0x060100: disabled; 397584 = 0x061110: enabled, out of date
        Observation two = av("[{\"displayName\":\"Windows Defender\",\"productState\":393472},{\"displayName\":\"Acme AV\",\"productState\":397584}]");
        assertEquals(State.OFF, two.state());
        assertTrue(two.reason().contains("out of date"), two.reason());
        assertEquals(State.ON, av("[{\"displayName\":\"Windows Defender\",\"productState\":\"393472\"},{\"displayName\":\"Acme AV\",\"productState\":397568}]").state());
    }

    @Test
    void passiveDefenderWithoutSecurityCenterIsUnknownNotOff() {
        Observation o = new WindowsAntivirusProbe().observe(Recorded.on(OsPlatform.WIN32)
                .command("win32.antivirus_products", 1, "", "Get-CimInstance : Invalid namespace")
                .command("win32.defender", 0, "{\"AMServiceEnabled\": true, \"AntivirusEnabled\": false, \"RealTimeProtectionEnabled\": false, \"AntivirusSignatureAge\": 1}")
                .evidence());
        assertEquals(State.UNKNOWN, o.state());
    }

    @Test
    void powercfgIndexesAreReadWhateverTheLanguage() {
        String german = "Aktueller Wechselstrom-Einstellungsindex: 0x00000384\r\nAktueller Gleichstrom-Einstellungsindex: 0x0000012c\r\n";
        long[] acDc = PowercfgIndexes.acDc(german).orElseThrow();
        assertEquals(900, acDc[0]);
        assertEquals(300, acDc[1]);
    }
}
