package dev.eventbus.camel.envelope;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential test: on 20,000 random mutations of valid documents {@link JsonScanner} must accept
 * exactly what Jackson (nextToken + skipChildren + no trailing token) accepts, with the same end
 * offset, except that it also rejects UTF-8 that is not strictly valid (overlongs, encoded
 * surrogates, code points above U+10FFFF), which Jackson lets through inside strings.
 */
class JsonScannerDifferentialTest {

    private static final JsonFactory JACKSON = new JsonFactory();

    /** Jackson's verdict as the old validator used it: end of the value, or -1 if rejected. */
    static int jackson(byte[] doc) {
        if (doc.length >= 3 && doc[0] == (byte) 0xEF && doc[1] == (byte) 0xBB && doc[2] == (byte) 0xBF) {
            return -1; // the validator rejects a BOM before parsing
        }
        try (JsonParser p = JACKSON.createParser(doc)) {
            if (!(p instanceof UTF8StreamJsonParser) || p.nextToken() == null) {
                return -1;
            }
            p.skipChildren();
            p.finishToken();
            int end = (int) p.currentLocation().getByteOffset();
            if (p.nextToken() != null) {
                return -1;
            }
            while (end > 0 && isWhitespace(doc[end - 1])) { // Jackson may have consumed one after a number
                end--;
            }
            return end;
        } catch (IOException ex) {
            return -1;
        }
    }

    /** The scanner's verdict, with the validator's rule "only whitespace after the value". */
    static int scanner(byte[] doc) {
        try {
            int end = JsonScanner.skipValue(doc, 0, doc.length);
            return JsonScanner.skipWhitespace(doc, end, doc.length) == doc.length ? end : -1;
        } catch (JsonSyntaxException ex) {
            return -1;
        }
    }

    static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF), which Jackson does not check. */
    static boolean strictUtf8(byte[] doc) {
        try {
            UTF_8.newDecoder().decode(ByteBuffer.wrap(doc));
            return true;
        } catch (CharacterCodingException ex) {
            return false;
        }
    }

    static final String[] SEEDS = {
            "{\"orderId\":\"order-42\",\"customer\":{\"id\":\"c-1001\",\"tier\":\"gold\"},\"amount\":129.95,"
                    + "\"currency\":\"EUR\",\"items\":[{\"sku\":\"A1\",\"qty\":2}],\"note\":\"The quick brown fox\"}",
            "[1,-0,0.5e-3,1E+2,-12.75E-1,1e9,0,true,false,null,\"\",[],{}]",
            "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00 end\"",
            "{\"\u00e9t\u00e9\":\"caf\u00e9 \u20ac \uD83D\uDE00 \u0800 \uFFFD \uE000\",\"k\u20ac\":[\"\u00ff\u0100\"]}",
            "  {\"a\" : [ 1 , { \"b\" : null } ] ,\n\t\"c\" : \"x\" }  ",
            "[[[[[[[[[[{\"deep\":[[[[\"x\"]]]]}]]]]]]]]]]",
            "[" + "[".repeat(998) + "]".repeat(998) + "]",
            "-123.456e+789", "0", "\"" + "plain ascii text ".repeat(8) + "\"", "true", "null",
            "[\"" + "\u00e9".repeat(10) + "\",\"" + "\uD83D\uDE00".repeat(5) + "\"]",
            "1".repeat(999),
    };

    private static final byte[] INTERESTING = ("{}[],:\"\\ \t\n\r0123456789-+.eEtrufalsnx/'").getBytes(UTF_8);
    private static final int[] INTERESTING_HIGH = {0x00, 0x01, 0x1F, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
            0xC1,
            0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};

    static byte randomByte(Random r) {
        int k = r.nextInt(10);
        if (k < 6) {
            return INTERESTING[r.nextInt(INTERESTING.length)];
        }
        return (byte) (k < 8 ? INTERESTING_HIGH[r.nextInt(INTERESTING_HIGH.length)] : r.nextInt(256));
    }

    static byte[] mutate(byte[] seed, Random r) {
        List<Byte> b = new ArrayList<>(seed.length + 4);
        for (byte x : seed) {
            b.add(x);
        }
        int n = 1 + r.nextInt(3);
        for (int m = 0; m < n; m++) {
            int op = r.nextInt(3);
            int at = r.nextInt(b.size() + 1);
            if (op == 0 && at < b.size()) {
                b.set(at, randomByte(r));
            } else if (op == 1 || b.isEmpty()) {
                b.add(at, randomByte(r));
            } else if (at < b.size()) {
                b.remove(at);
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    @Test
    void agreesWithJacksonOnRandomMutations() {
        Random r = new Random(20240501);
        int accepted = 0;
        int strictOnly = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] doc = mutate(SEEDS[r.nextInt(SEEDS.length)].getBytes(UTF_8), r);
            int j = jackson(doc);
            int expected = j >= 0 && !strictUtf8(doc) ? -1 : j;
            if (expected != j) {
                strictOnly++;
            }
            assertEquals(expected, scanner(doc), () -> "jackson=" + j + " for " + new String(doc, UTF_8)
                    + " bytes " + java.util.Arrays.toString(doc));
            if (expected >= 0) {
                accepted++;
            }
        }
        assertTrue(accepted > 1000, "too few accepted mutations: " + accepted);
        assertTrue(accepted < 19_000, "too few rejected mutations: " + accepted);
        assertTrue(strictOnly > 0, "no mutation exercised the strict UTF-8 rules");
    }

    @Test
    void seedsAreValidForBoth() {
        for (String seed : SEEDS) {
            byte[] doc = seed.getBytes(UTF_8);
            assertEquals(jackson(doc), scanner(doc), seed);
            assertTrue(scanner(doc) > 0, seed);
        }
    }
}
