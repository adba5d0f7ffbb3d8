package dev.eventbus.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ChartsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    /** Failed before the latency chart's axis got a minimum: XChart rejects bars from 0 on a logarithmic axis. */
    @Test
    void writesThroughputAndLatencyPngsAlsoForAnEmptyPercentile() throws Exception {
        Charts.write(dir.toString(), "kafka", "Kafka smoke", List.of(
                new Charts.Row("eventbus 200,000", 80_000, 54, 238, 300),
                new Charts.Row("raw kafka-clients 200,000", 126_000, 22, 577, 600),
                new Charts.Row("nothing received", 0, 0, 0, 0)));

        assertPng(dir.resolve("kafka-throughput.png"));
        assertPng(dir.resolve("kafka-latency.png"));
    }

    @Test
    void writesNothingWithoutADirectory() throws Exception {
        Charts.write(null, "kafka", "Kafka smoke", List.of(new Charts.Row("eventbus", 1, 1, 1, 1)));
        Charts.write("", "kafka", "Kafka smoke", List.of(new Charts.Row("eventbus", 1, 1, 1, 1)));

        assertFalse(Files.exists(Path.of("kafka-throughput.png")));
    }

    private static void assertPng(Path file) throws Exception {
        assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(file), 4), file + " is a PNG file");
    }
}
