package dev.auscult.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRangeTest {

    private static boolean satisfies(String version, String range) {
        return VersionRange.parse(range).orElseThrow().satisfiedBy(VersionRange.version(version).orElseThrow());
    }

    @ParameterizedTest(name = "{0} satisfies {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "18.04;>=18.04.5;false",
            "18.04.6;>=18.04.5;true",
            "20.04;>=18.04.5;true",
            // inner zeros are kept (Stethoscope issue #199 turned 19041 into 1941)
            "10.0.19041;>=10.0.19043;false",
            "10.0.19045.3693;>=10.0.19043;true",
            "10.0.22631;>=10.0.19041;true",
            "13.3.1 (a);>=13.3.1;true",
            "12;>=13;false",
            "13;>=13;true",
            "1:2.36-9+deb12u4;>=2.36;true",
            "14.4;<15 >=14.3.3 || >16.1.0;true",
            "15.0;<15 >=14.3.3 || >16.1.0;false",
            "16.2;<15 >=14.3.3 || >16.1.0;true",
            "1.5.0;1.2.3 - 2.0;true",
            "120;<=120;true",
            "121;<=120;false",
            "3.1.0;3.x;true"})
    void comparesLikeStethoscopeWithoutItsZeroBug(String version, String range, boolean expected) {
        assertEquals(expected, satisfies(version, range));
    }

    @Test
    void rejectsRangesThatAreNotRanges() {
        assertTrue(VersionRange.parse("abc").isEmpty());
        assertTrue(VersionRange.parse(">=foo").isEmpty());
        assertTrue(VersionRange.parse("  ").isEmpty());
        assertTrue(VersionRange.parse(null).isEmpty());
    }

    @Test
    void readsVersionsOffDevices() {
        assertEquals("10.14.1", VersionRange.version("10.14.1").orElseThrow().getVersion());
        assertEquals("12.0.0", VersionRange.version("12").orElseThrow().getVersion());
        assertEquals("18.4.0", VersionRange.version("18.04").orElseThrow().getVersion());
        assertEquals(Optional.empty(), VersionRange.version("rolling"));
        assertFalse(VersionRange.version("").isPresent());
    }
}
