package dev.eventbus.camel.envelope;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates RFC 9562 version 7 UUIDs: a 48-bit Unix epoch millisecond timestamp, version
 * {@code 7}, variant {@code 10} and 74 random bits from {@link ThreadLocalRandom}.
 *
 * <p>Ids generated in different milliseconds sort (as strings) in time order; ids generated
 * within the same millisecond are in random order. Not suitable as a secret (not from a
 * cryptographically strong source).
 */
public final class UuidV7 {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private UuidV7() {
    }

    /** Returns a new UUIDv7 in the lowercase canonical 8-4-4-4-12 form (36 characters). */
    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return next(System.currentTimeMillis(), r.nextLong(), r.nextLong());
    }

    /** Builds the UUIDv7 string from a millisecond timestamp and random bits (for tests). */
    static String next(long epochMillis, long randA, long randB) {
        long msb = ((epochMillis & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return format(msb, lsb);
    }

    /** Formats 128 bits as a lowercase canonical UUID string. */
    static String format(long msb, long lsb) {
        byte[] b = new byte[36];
        hex(b, 0, msb >>> 32, 8);
        b[8] = '-';
        hex(b, 9, msb >>> 16, 4);
        b[13] = '-';
        hex(b, 14, msb, 4);
        b[18] = '-';
        hex(b, 19, lsb >>> 48, 4);
        b[23] = '-';
        hex(b, 24, lsb, 12);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void hex(byte[] b, int pos, long v, int digits) {
        for (int i = pos + digits - 1; i >= pos; i--) {
            b[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }
}
