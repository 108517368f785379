package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Reading;
import java.io.IOException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * When a device key's helper fails (tpm2-tools, PowerShell over Windows' key storage, the Secure Enclave helper), the
 * person and the log get the tool's own reason — the line that names the error — not an exit code alone.
 */
class DeviceKeyHelperFailuresTest {

    @Test
    void aSucceedingHelpersOutputIsItsAnswer() throws IOException {
        assertEquals("BASE64==\n", KeyHelperAnswer.stdout(new Reading.CommandOutput("device_key.tpm", 0, "BASE64==\n", "WARNING: ignored"),
                KeyHelperAnswer.Why.LAST_LINE, "tpm2_sign failed"));
    }

    @Test
    void tpmToolsSayWhyInTheirLastLine() {
        String stderr = "WARNING:esys:src/tss2-esys/api/Esys_Load.c:324:Esys_Load_Finish() Received TPM Error\n"
                + "ERROR: Eys_Load(0x1DF) - tpm:parameter(1):integrity check failed\n\n";
        IOException e = assertThrows(IOException.class, () -> KeyHelperAnswer.stdout(new Reading.CommandOutput("device_key.tpm", 1, "", stderr),
                KeyHelperAnswer.Why.LAST_LINE, "tpm2_load failed"));
        assertEquals("tpm2_load failed: ERROR: Eys_Load(0x1DF) - tpm:parameter(1):integrity check failed", e.getMessage());
    }

    @Test
    void powerShellSaysWhyInItsFirstLine() {
        String stderr = "\nThe requested operation is not supported. (Exception from HRESULT: 0x80090029)\nAt line:4 char:1\n+ CategoryInfo : NotSpecified\n";
        IOException e = assertThrows(IOException.class, () -> KeyHelperAnswer.stdout(new Reading.CommandOutput("device_key.windows", 1, "", stderr),
                KeyHelperAnswer.Why.FIRST_LINE, "Windows' key storage could not create the device key"));
        assertEquals("Windows' key storage could not create the device key: The requested operation is not supported. "
                + "(Exception from HRESULT: 0x80090029)", e.getMessage());
    }

    @Test
    void aSilentFailureGivesItsExitCodeAndAMissingProgramSaysSo() {
        IOException silent = assertThrows(IOException.class, () -> KeyHelperAnswer.stdout(new Reading.CommandOutput("device_key.secure_enclave", 3,
                "", "  "), KeyHelperAnswer.Why.FIRST_LINE, "the Secure Enclave could not sign"));
        assertEquals("the Secure Enclave could not sign: exit 3", silent.getMessage());
        IOException missing = assertThrows(IOException.class, () -> KeyHelperAnswer.stdout(new Reading.Unavailable("device_key.tpm", ReadStatus.MISSING,
                "tpm2_createprimary is not installed", OptionalInt.empty(), "", ""), KeyHelperAnswer.Why.LAST_LINE, "tpm2_createprimary failed"));
        assertEquals("tpm2_createprimary failed: tpm2_createprimary is not installed", missing.getMessage());
    }
}
