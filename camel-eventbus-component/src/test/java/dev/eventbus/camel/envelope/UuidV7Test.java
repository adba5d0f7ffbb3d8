package dev.eventbus.camel.envelope;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UuidV7Test {

    private static final Pattern CANONICAL = Pattern
            .compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void hasCanonicalFormVersionAndVariant() {
        for (int i = 0; i < 1000; i++) {
            String id = UuidV7.next();
            assertEquals(36, id.length());
            assertTrue(CANONICAL.matcher(id).matches(), id);
            UUID u = UUID.fromString(id);
            assertEquals(7, u.version());
            assertEquals(2, u.variant());
            assertEquals(id, u.toString());
        }
    }

    @Test
    void embedsUnixMillis() {
        long before = System.currentTimeMillis();
        String id = UuidV7.next();
        long after = System.currentTimeMillis();
        long ms = UUID.fromString(id).getMostSignificantBits() >>> 16;
        assertTrue(ms >= before && ms <= after, id);
    }

    @Test
    void deterministicLayout() {
        assertEquals("01900000-0000-7abc-8000-000000000000", UuidV7.next(0x019000000000L, 0xabc, 0));
        assertEquals("ffffffff-ffff-7fff-bfff-ffffffffffff", UuidV7.next(-1L, -1L, -1L));
        assertEquals(UUID.fromString("0190b7a4-1234-7def-9abc-0123456789ab").toString(),
                UuidV7.format(0x0190b7a412347defL, 0x9abc0123456789abL));
    }

    @Test
    void timeOrderedAcrossMilliseconds() {
        String previous = UuidV7.next();
        for (int i = 0; i < 5; i++) {
            long millis = System.currentTimeMillis();
            while (System.currentTimeMillis() <= millis) {
                Thread.onSpinWait(); // ids of a later millisecond must sort after earlier ones
            }
            String next = UuidV7.next();
            assertTrue(next.compareTo(previous) > 0, previous + " !< " + next);
            previous = next;
        }
    }

    @Test
    void hundredThousandUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(UuidV7.next()));
        }
    }
}
