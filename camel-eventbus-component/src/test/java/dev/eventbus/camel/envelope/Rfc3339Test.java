package dev.eventbus.camel.envelope;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Rfc3339Test {

    private static final long BASE = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond();

    @ParameterizedTest
    @CsvSource({
            "0, 2024-05-01T10:00:00Z",
            "100000000, 2024-05-01T10:00:00.1Z",
            "123456789, 2024-05-01T10:00:00.123456789Z",
            "1000, 2024-05-01T10:00:00.000001Z",
            "1, 2024-05-01T10:00:00.000000001Z",
            "120000000, 2024-05-01T10:00:00.12Z",
    })
    void formatsLikeGoRfc3339Nano(int nanos, String expected) {
        Instant t = Instant.ofEpochSecond(BASE, nanos);
        assertEquals(expected, Rfc3339.format(t));
        assertEquals(expected.length(), Rfc3339.formattedLength(t));
        assertEquals(t, Rfc3339.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z, 1969-12-31T23:59:59.999999999Z",
            "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z",
            "0000-02-29T23:59:59.9Z, 0000-02-29T23:59:59.9Z",
            "0000-03-01T00:00:00Z, 0000-03-01T00:00:00Z",
            "0400-02-29T00:00:00Z, 0400-02-29T00:00:00Z",
            "9999-12-31T23:59:59.5Z, 9999-12-31T23:59:59.5Z",
            "2000-02-29T12:00:00Z, 2000-02-29T12:00:00Z",
            "2100-03-01T00:00:00Z, 2100-03-01T00:00:00Z",
    })
    void formatsCalendarEdges(String iso, String expected) {
        Instant t = Instant.parse(iso);
        assertEquals(expected, Rfc3339.format(t));
        assertEquals(t, Rfc3339.parse(expected));
    }

    @Test
    void formatMatchesJavaTimeForManyInstants() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long secs = r.nextLong(-62_167_219_200L, 253_402_300_800L);
            int nanos = r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000);
            Instant t = Instant.ofEpochSecond(secs, nanos);
            String s = Rfc3339.format(t);
            assertEquals(t, OffsetDateTime.parse(s).toInstant(), s);
            assertEquals(t, Rfc3339.parse(s), s);
            assertEquals(s.length(), Rfc3339.formattedLength(t));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "2024-05-01T12:00:00+02:00, 2024-05-01T10:00:00Z",
            "2024-05-01T12:00:00.123+02:00, 2024-05-01T10:00:00.123Z",
            "2024-05-01T05:30:00-04:30, 2024-05-01T10:00:00Z",
            "2024-05-01t10:00:00z, 2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00-00:00, 2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00.5Z, 2024-05-01T10:00:00.500Z",
            "2024-05-01T10:00:00.1234567891Z, 2024-05-01T10:00:00.123456789Z",
            "2024-05-01T00:30:00+23:59, 2024-04-30T00:31:00Z",
    })
    void parsesOffsetsAndFractions(String text, String expectedUtc) {
        assertEquals(Instant.parse(expectedUtc), Rfc3339.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024-05-01", "2024-05-01T10:00:00", "2024-05-01 10:00:00Z",
            "2024-05-01T10:00:00.Z", "2024-13-01T10:00:00Z", "2024-02-30T10:00:00Z",
            "2023-02-29T10:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z",
            "2024-05-01T10:00:60Z", "2024-05-01T10:00:00+2:00", "2024-05-01T10:00:00+24:00",
            "2024-05-01T10:00:00+02:60", "2024-05-01T10:00:00+0200", "2024-05-01T10:00:00ZZ",
            "2024-05-01T10:00:00Z ", "+2024-05-01T10:00:00Z", "2024-5-01T10:00:00Z",
            "2024-05-01T10:00:00.12a3Z", "12024-05-01T10:00:00Z", "2024-05-01T10:00:00,5Z",
            "2024-05-01T10:00:00+02:00:00", "abcd-ef-ghTij:kl:mnZ"})
    void rejectsInvalid(String text) {
        assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text));
    }

    @Test
    void appendToWritesAscii() {
        byte[] buf = new byte[50];
        buf[0] = 'x';
        int end = Rfc3339.appendTo(Instant.ofEpochSecond(BASE, 123_000_000), buf, 1);
        assertEquals("x2024-05-01T10:00:00.123Z", new String(buf, 0, end, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void yearsOutsideFourDigitsFormatLikeGo() {
        assertEquals("10000-01-01T00:00:00Z", Rfc3339.format(Instant.parse("+10000-01-01T00:00:00Z")));
        assertEquals("-0001-12-31T00:00:00Z", Rfc3339.format(Instant.parse("-0001-12-31T00:00:00Z")));
    }
}
