package dev.eventbus.camel.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SaramaPartitioner} against partitions computed by Go: the table below is the unchanged output of
 * {@code src/test/resources/dev/eventbus/camel/transport/kafka/sarama-vectors.go} (Go 1.19.8 from Debian's golang-go,
 * standard library {@code hash/fnv}, sarama's formula; run with {@code go run sarama-vectors.go}). Each row: key, its
 * FNV-1a hash as a signed 32-bit integer, then the partition for 1, 3, 8, 12, 64 and 100 partitions. The keys cover
 * ASCII ids, the empty key, a long id, non-ASCII UTF-8 (CJK, Latin-1, an emoji outside the BMP) and hashes that are
 * negative as int32 (most rows).
 */
class SaramaPartitionerTest {

    private static final int[] COUNTS = {1, 3, 8, 12, 64, 100};

    private static final Object[][] GO_VECTORS = {
            {"", -2128831035, 0, 0, 3, 3, 59, 35},
            {"a", -468965076, 0, 0, 4, 0, 20, 76},
            {"order-42", 1461995252, 0, 2, 4, 8, 52, 52},
            {"order-43", 1478772871, 0, 1, 7, 7, 7, 71},
            {"order-1000", -1838203105, 0, 1, 1, 1, 33, 5},
            {"customer-7", 273657585, 0, 0, 1, 9, 49, 85},
            {"7f3c2a9e-1b4d-4e8a-9c6f-2d5e8b1a0c3f", -2011941128, 0, 2, 0, 8, 8, 28},
            {"tenant-9/aggregate/abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij",
                    -940082920, 0, 1, 0, 4, 40, 20},
            {"\u5ba2\u6237-7", 123740823, 0, 0, 7, 3, 23, 23},
            {"\u8ba2\u5355-42", -837221743, 0, 1, 7, 7, 47, 43},
            {"\u00dcn\u00efc\u00f6d\u00e9-\u00df", -457539761, 0, 2, 1, 5, 49, 61},
            {"emoji-\ud83d\ude80-1", -1415188363, 0, 1, 3, 7, 11, 63},
            {"acct-1", -1941823652, 0, 2, 4, 8, 36, 52},
            {"acct-2", -1891490795, 0, 2, 3, 11, 43, 95},
            {"acct-3", -1908268414, 0, 1, 6, 10, 62, 14},
            {"acct-4", -1992156509, 0, 2, 5, 5, 29, 9},
            {"acct-5", -2008934128, 0, 1, 0, 4, 48, 28},
            {"acct-6", -1958601271, 0, 1, 7, 7, 55, 71},
            {"acct-7", -1975378890, 0, 0, 2, 6, 10, 90},
            {"acct-8", -1790825081, 0, 2, 1, 5, 57, 81},
    };

    @Test
    void partitionsAreTheOnesSaramaPicks() {
        for (Object[] row : GO_VECTORS) {
            byte[] key = ((String) row[0]).getBytes(StandardCharsets.UTF_8);
            assertEquals((int) row[1], SaramaPartitioner.fnv1a32(key), "hash of " + row[0]);
            for (int i = 0; i < COUNTS.length; i++) {
                assertEquals((int) row[2 + i], SaramaPartitioner.partition(key, COUNTS[i]),
                        "partition of " + row[0] + " among " + COUNTS[i]);
            }
        }
    }

    @Test
    void theTableHasNegativeHashes() {
        long negative = Arrays.stream(GO_VECTORS).filter(row -> (int) row[1] < 0).count();
        assertTrue(negative >= 10, "keys with a negative hash: " + negative);
    }
}
