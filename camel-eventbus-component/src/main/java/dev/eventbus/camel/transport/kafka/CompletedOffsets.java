package dev.eventbus.camel.transport.kafka;

import java.util.Base64;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import dev.eventbus.camel.transport.OffsetWatermark;

/**
 * Encodes, in a commit's metadata, which records above the committed offset were already completed (as Confluent's
 * Parallel Consumer does), so that the partition's next owner skips them instead of processing them again. Format:
 * {@code eb1:} + base64 of a bit set whose bit {@code i} means offset {@code committed + i} completed. Offsets too far
 * above the committed one to fit the metadata are left out: they are then delivered again (at least once).
 */
final class CompletedOffsets {

    private static final String PREFIX = "eb1:";
    /** Keeps the metadata well under the broker's default offset.metadata.max.bytes (4096). */
    private static final int MAX_DELTA = 8 * 2000;

    private CompletedOffsets() {
    }

    /** The metadata for committing {@code watermark.committable()}; empty when nothing above it completed. */
    static String encode(OffsetWatermark watermark) {
        long base = watermark.committable();
        BitSet bits = new BitSet();
        watermark.forEachCompletedAbove(offset -> {
            long delta = offset - base;
            if (delta > 0 && delta < MAX_DELTA) {
                bits.set((int) delta);
            }
        });
        return bits.isEmpty() ? "" : PREFIX + Base64.getEncoder().encodeToString(bits.toByteArray());
    }

    /** The completed offsets that {@code metadata}, committed with {@code committed}, names; empty when it names none. */
    static Set<Long> decode(long committed, String metadata) {
        Set<Long> offsets = new HashSet<>();
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return offsets;
        }
        try {
            BitSet bits = BitSet.valueOf(Base64.getDecoder().decode(metadata.substring(PREFIX.length())));
            for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                offsets.add(committed + i);
            }
        } catch (IllegalArgumentException e) {
            offsets.clear(); // not ours: deliver everything again
        }
        return offsets;
    }
}
