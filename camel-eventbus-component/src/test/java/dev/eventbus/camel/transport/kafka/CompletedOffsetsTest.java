package dev.eventbus.camel.transport.kafka;

import java.util.Set;

import dev.eventbus.camel.transport.OffsetWatermark;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commit metadata that names the records completed above a committed offset. */
class CompletedOffsetsTest {

    private static OffsetWatermark watermark(long start, long end, long... completed) {
        OffsetWatermark watermark = new OffsetWatermark(start);
        for (long offset = start; offset <= end; offset++) {
            watermark.track(offset);
        }
        for (long offset : completed) {
            watermark.complete(offset);
        }
        return watermark;
    }

    @Test
    void theCompletedOffsetsAboveTheCommittedOneRoundTrip() {
        OffsetWatermark watermark = watermark(100, 110, 100, 101, 104, 107, 110);
        assertEquals(102, watermark.committable());
        String metadata = CompletedOffsets.encode(watermark);
        assertTrue(metadata.startsWith("eb1:"), metadata);
        assertEquals(Set.of(104L, 107L, 110L), CompletedOffsets.decode(102, metadata));
    }

    @Test
    void nothingCompletedAboveIsNoMetadata() {
        assertEquals("", CompletedOffsets.encode(watermark(0, 5, 0, 1, 2)));
        assertEquals(Set.of(), CompletedOffsets.decode(3, ""));
        assertEquals(Set.of(), CompletedOffsets.decode(3, null));
    }

    @Test
    void metadataOfAnotherClientOrDamagedIsIgnored() {
        assertEquals(Set.of(), CompletedOffsets.decode(3, "written by someone else"));
        assertEquals(Set.of(), CompletedOffsets.decode(3, "eb1:not base64 !"));
    }

    @Test
    void offsetsTooFarAboveTheCommittedOneAreLeftOutAndDeliveredAgain() {
        OffsetWatermark watermark = watermark(0, 20_000, 5, 15_999, 16_000, 20_000);
        Set<Long> decoded = CompletedOffsets.decode(watermark.committable(), CompletedOffsets.encode(watermark));
        assertEquals(Set.of(5L, 15_999L), decoded);
    }
}
