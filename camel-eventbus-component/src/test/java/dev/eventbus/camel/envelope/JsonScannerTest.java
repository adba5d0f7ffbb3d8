package dev.eventbus.camel.envelope;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table tests for {@link JsonScanner} (see {@link JsonScannerDifferentialTest} for the comparison with Jackson). */
class JsonScannerTest {

    /** A valid document: skipValue must return {@code end} (-1: the whole input). */
    static Arguments ok(String doc, int end) {
        byte[] b = doc.getBytes(UTF_8);
        return Arguments.of(doc, b, end < 0 ? b.length : end, null);
    }

    static Arguments ok(String doc) {
        return ok(doc, -1);
    }

    /** An invalid document: the reason must contain {@code reason}. */
    static Arguments bad(String doc, String reason) {
        return Arguments.of(doc, doc.getBytes(UTF_8), -1, reason);
    }

    /** An invalid document given as bytes ("\"" + bytes + "\""): for UTF-8 edge cases. */
    static Arguments badBytes(String reason, int... inner) {
        return Arguments.of("string with bytes " + hex(inner), quoted(inner), -1, reason);
    }

    static Arguments okBytes(int... inner) {
        byte[] b = quoted(inner);
        return Arguments.of("string with bytes " + hex(inner), b, b.length, null);
    }

    static byte[] quoted(int... inner) {
        byte[] b = new byte[inner.length + 2];
        b[0] = '"';
        for (int i = 0; i < inner.length; i++) {
            b[i + 1] = (byte) inner[i];
        }
        b[b.length - 1] = '"';
        return b;
    }

    static String hex(int... bytes) {
        StringBuilder sb = new StringBuilder();
        for (int x : bytes) {
            sb.append(String.format("%02X ", x));
        }
        return sb.toString().trim();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // literals and whitespace
                ok("true"), ok("false"), ok("null"), ok(" \t\r\n null", 9), ok("null ", 4), ok("[true,false,null]"),
                bad("tru", "Unrecognized token 'tru'"), bad("nul", "Unrecognized token 'nul'"),
                bad("truex", "Unrecognized token 'truex'"), bad("True", "Unrecognized token 'True'"),
                bad("not json", "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token"
                        + " 'null', 'true' or 'false')"),
                bad("NaN", "Non-standard token 'NaN'"), bad("", "unexpected end of input"),
                bad("   ", "unexpected end of input"),
                bad("\u000bnull", "Unexpected character"), bad("/* c */ 1", "Unexpected character ('/'"),
                // numbers
                ok("0"), ok("-0"), ok("0.5e-3"), ok("1E+2"), ok("1e2"), ok("-1.25E-10"),
                ok("123456789012345678901234567890"),
                ok("1".repeat(1000)), ok("[1.5,2,-3]"), ok("0 ", 1), ok("1x", 1), // skipValue stops after the value
                bad("01", "Leading zeroes not allowed"), bad("-01", "Leading zeroes not allowed"),
                bad("1.", "Number value"), bad("1.e3", "Decimal point not followed by a digit"),
                bad(".5", "Unexpected character ('.'"),
                bad("-", "Number value"), bad("-x", "expected digit (0-9) to follow minus sign"),
                bad("+1", "plus signs"),
                bad("1e", "Number value"), bad("1e+", "Number value"),
                bad("1e+x", "Exponent indicator not followed by a digit"),
                bad("[1.]", "Decimal point not followed by a digit"), bad("-Infinity", "expected digit"),
                bad("1".repeat(1001), "Number value length (1001) exceeds"),
                // strings and escapes
                ok("\"\""), ok("\"abc\""), ok("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00 \\uABCD\""),
                ok("\"\\ud800\""), ok("\"" + "x".repeat(1000) + "\""), ok("\"tab-free 7-bit text \u007f\""),
                ok("\"\u00e9\u20ac\uD83D\uDE00 mixed \u00e9 " + "y".repeat(20) + "\u20ac\""),
                bad("\"abc", "Unexpected end-of-input in VALUE_STRING"), bad("\"" + "z".repeat(40), "VALUE_STRING"),
                bad("\"a\\x\"", "Unrecognized character escape 'x'"),
                bad("\"a\\'\"", "Unrecognized character escape '''"),
                bad("\"\\u12\"", "expected a hex-digit"), bad("\"\\u12g4\"", "expected a hex-digit"),
                bad("\"\\u", "end-of-input in character escape"), bad("\"\\", "end-of-input in character escape"),
                bad("\"a\u0001\"", "Illegal unquoted character ((CTRL-CHAR, code 1))"),
                bad("\"a\nb\"", "CTRL-CHAR, code 10"),
                bad("\"a\tb\"", "CTRL-CHAR, code 9"), bad("\"" + "x".repeat(17) + "\u001f\"", "CTRL-CHAR, code 31"),
                bad("'a'", "Unexpected character ('''"),
                // UTF-8 (strict RFC 3629)
                okBytes(0xC2, 0x80), okBytes(0xDF, 0xBF), okBytes(0xE0, 0xA0, 0x80), okBytes(0xED, 0x9F, 0xBF),
                okBytes(0xEE, 0x80, 0x80), okBytes(0xEF, 0xBF, 0xBF), okBytes(0xF0, 0x90, 0x80, 0x80),
                okBytes(0xF4, 0x8F, 0xBF, 0xBF),
                badBytes("start byte 0xc0", 0xC0, 0x80), badBytes("start byte 0xc1", 0xC1, 0xBF),
                badBytes("middle byte 0x9f", 0xE0, 0x9F, 0xBF), badBytes("middle byte 0x8f", 0xF0, 0x8F, 0xBF, 0xBF),
                badBytes("middle byte 0xa0", 0xED, 0xA0, 0x80), badBytes("middle byte 0xbf", 0xED, 0xBF, 0xBF),
                badBytes("middle byte 0x90", 0xF4, 0x90, 0x80, 0x80),
                badBytes("start byte 0xf5", 0xF5, 0x80, 0x80, 0x80),
                badBytes("start byte 0xff", 0xFF), badBytes("start byte 0x80", 0x80), badBytes("start byte 0xbf", 0xBF),
                badBytes("middle byte 0x22", 0xC3), badBytes("middle byte 0x22", 0xE2, 0x82),
                badBytes("middle byte 0x22", 0xF0, 0x9F, 0x98),
                badBytes("middle byte 0x41", 0xC3, 0x41), badBytes("middle byte 0xc3", 0xE2, 0x82, 0xC3, 0xA9),
                badBytes("start byte 0xf8", 0xF8, 0x88, 0x80, 0x80, 0x80),
                Arguments.of("truncated at end of input", new byte[]{'"', (byte) 0xE2, (byte) 0x82}, -1, "truncated"),
                Arguments.of("lead byte at end of input", new byte[]{'"', (byte) 0xC3}, -1, "truncated"),
                bad("\u00e9", "Unexpected character"),
                // arrays and objects
                ok("[]"), ok("{}"), ok("[[],[[]],{},[{\"a\":[[]]}]]"), ok("{ \"a\" : [ 1 , 2 ] ,\n\t\"b\" : { } }"),
                ok("{\"a\":1,\"a\":2}"), ok("{\"\\u0061\":{\"\":\"\"}}"), ok("[1] 2", 3), ok("{} {}", 2),
                bad("[", "expected close marker for Array"), bad("{", "expected close marker for Object"),
                bad("[1", "expected close marker for Array"), bad("{\"a\":1", "expected close marker for Object"),
                bad("[1,", "within/between Array entries"), bad("{\"a\"", "within/between Object entries"),
                bad("{\"a\":", "within/between Object entries"),
                bad("[1,]", "Unexpected character (']' (code 93)): expected a value"),
                bad("{\"a\":}", "Unexpected character ('}' (code 125)): expected a value"),
                bad("[,1]", "expected a value"),
                bad("{\"a\":1,}", "was expecting double-quote to start field name"),
                bad("{'a':1}", "was expecting double-quote"),
                bad("{a:1}", "was expecting double-quote"), bad("{1:1}", "was expecting double-quote"),
                bad("{\"a\" 1}", "was expecting a colon"),
                bad("{\"a\":1 \"b\":2}", "was expecting comma to separate Object entries"),
                bad("[1 2]", "was expecting comma to separate Array entries"),
                bad("[}", "Unexpected close marker '}': expected ']'"),
                bad("{]", "Unexpected close marker ']': expected '}'"),
                bad("[1}", "Unexpected close marker '}': expected ']'"),
                bad("]", "no open Array to close"), bad("}", "no open Object to close"),
                bad("{\"a\u0000\":1}", "CTRL-CHAR, code 0"),
                // nesting
                ok("[".repeat(1000) + "]".repeat(1000)), ok("{\"a\":".repeat(1000) + "1" + "}".repeat(1000)),
                ok("[".repeat(64) + "{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}" + "]".repeat(64)),
                bad("[".repeat(1001) + "]".repeat(1001), "nesting depth (1001) exceeds the maximum allowed (1000"),
                bad("[".repeat(5000), "nesting depth"), bad("[".repeat(70) + "}", "expected ']'"),
                bad("[".repeat(64) + "{" + "]", "expected '}'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    void table(String name, byte[] doc, int end, String reason) {
        if (reason == null) {
            assertEquals(end, JsonScanner.skipValue(doc, 0, doc.length));
            // the same value inside a larger buffer: only [pos, end) is looked at
            byte[] framed = new byte[doc.length + 6];
            System.arraycopy(doc, 0, framed, 3, doc.length);
            framed[0] = '"';
            assertEquals(end + 3, JsonScanner.skipValue(framed, 3, 3 + doc.length));
        } else {
            JsonSyntaxException ex = assertThrows(JsonSyntaxException.class,
                    () -> JsonScanner.skipValue(doc, 0, doc.length));
            assertTrue(ex.getMessage().contains(reason), ex.getMessage());
        }
    }

    @Test
    void tableIsLargeEnough() {
        assertTrue(table().count() >= 60);
    }

    @Test
    void valueEndsAtTheGivenLimit() {
        byte[] b = "[1,2]".getBytes(UTF_8);
        assertThrows(JsonSyntaxException.class, () -> JsonScanner.skipValue(b, 0, 4));
        assertEquals(2, JsonScanner.skipValue(b, 1, 2));
        byte[] s = "\"abcdefghijklmnop\"".getBytes(UTF_8);
        for (int end = 1; end < s.length; end++) { // the SWAR loop must not read past end
            int limit = end;
            assertThrows(JsonSyntaxException.class, () -> JsonScanner.skipValue(s, 0, limit));
        }
    }

    @Test
    void swarFindsEverySpecialByteAtEveryPosition() {
        for (int special : new int[]{'"', '\\', 0x00, 0x1F, 0x80, 0xFF}) {
            for (int at = 0; at < 24; at++) {
                byte[] b = "abcdefghijklmnopqrstuvwxyz".getBytes(UTF_8);
                b[at] = (byte) special;
                assertEquals(at, JsonStrings.plainRun(b, 0, b.length));
            }
        }
        byte[] plain = "~ !#[]{}\u007f0123456789".getBytes(UTF_8);
        assertEquals(plain.length, JsonStrings.plainRun(plain, 0, plain.length));
    }

    @Test
    void validatorReasonsForOtherModules() {
        assertPayloadReason("not json", "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object"
                + " or token 'null', 'true' or 'false')");
        assertPayloadReason("{} {}", "unexpected trailing content after the JSON value");
        assertPayloadReason("[1] x", "unexpected trailing content after the JSON value");
        assertPayloadReason("1x", "Unexpected character ('x' (code 120)): Expected space separating root-level values");
        assertPayloadReason("[1]]", "Unexpected close marker ']': no open Array to close");
    }

    private static void assertPayloadReason(String payload, String reason) {
        Envelope e = EnvelopeValidatorTest.valid().payload(payload).build();
        InvalidEnvelopeException ex = assertThrows(InvalidEnvelopeException.class, () -> EnvelopeValidator.validate(e));
        assertEquals("payload", ex.field());
        assertEquals("must be valid JSON: " + reason, ex.rule());
    }
}
