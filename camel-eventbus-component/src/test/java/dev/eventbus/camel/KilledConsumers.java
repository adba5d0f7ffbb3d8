package dev.eventbus.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The machinery of the tests that SIGKILL a consumer JVM ({@link KafkaConsumerProcess}) and check what its successor
 * processed: aggregates {@code acct-0 .. acct-<n-1>}, versions 1..m each.
 */
final class KilledConsumers {

    /** Endpoint options of a short session: the group gives up on a killed member after 4 s instead of 45. */
    static final String SHORT_SESSION = "additionalProperties.session.timeout.ms=4000"
                                        + "&additionalProperties.heartbeat.interval.ms=500";

    private KilledConsumers() {
    }

    /** Versions 1..{@code versions} of every aggregate, version by version. */
    static List<Envelope> events(int aggregates, int versions) {
        List<Envelope> events = new ArrayList<>();
        for (int v = 1; v <= versions; v++) {
            for (int a = 0; a < aggregates; a++) {
                events.add(Envelope.builder().aggregateId("acct-" + a).eventType("T").eventVersion(v).payload("{}").build());
            }
        }
        return events;
    }

    /** Starts a {@link KafkaConsumerProcess} JVM writing what it processed to {@code processed}; output to target/. */
    static Process start(String brokers, String topic, String group, Path processed, String logName, String... extra)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KafkaConsumerProcess.class.getName(), brokers, topic, group,
                processed.toString()));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", logName).toFile()).start();
    }

    /** The versions per aggregate in a {@link KafkaConsumerProcess} output file, in processing order. */
    static Map<String, List<Long>> read(Path processed) throws IOException {
        Map<String, List<Long>> versions = new HashMap<>();
        for (String line : Files.readAllLines(processed)) {
            String[] parts = line.split(" ");
            if (parts.length == 2) {
                versions.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
            }
        }
        return versions;
    }

    /** Whether every aggregate's last version was processed by the killed consumer or its successor. */
    static boolean finished(Map<String, List<Long>> first, Map<String, List<Long>> second, int aggregates, int versions) {
        for (int a = 0; a < aggregates; a++) {
            List<Long> bySecond = second.get("acct-" + a);
            boolean doneByFirst = first.getOrDefault("acct-" + a, List.of()).contains((long) versions);
            if (!doneByFirst && (bySecond == null || !bySecond.contains((long) versions))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Asserts that each aggregate's versions are consecutive in both consumers and that the successor started at or
     * before the first version the killed one did not process (nothing skipped), and ended with the last.
     *
     * @return how many events both processed
     */
    static int assertNothingSkipped(Map<String, List<Long>> first, Map<String, List<Long>> second, int aggregates,
                                    int versions) {
        int again = 0;
        for (int a = 0; a < aggregates; a++) {
            String aggregate = "acct-" + a;
            List<Long> byFirst = first.getOrDefault(aggregate, List.of());
            List<Long> bySecond = List.copyOf(second.getOrDefault(aggregate, List.of()));
            assertConsecutive(aggregate, byFirst, 1);
            long lastOfFirst = byFirst.isEmpty() ? 0 : byFirst.get(byFirst.size() - 1);
            if (bySecond.isEmpty()) {
                assertEquals(versions, lastOfFirst, aggregate + " not finished");
                continue;
            }
            assertTrue(bySecond.get(0) <= lastOfFirst + 1, aggregate + " skipped from " + lastOfFirst + " to " + bySecond.get(0));
            assertConsecutive(aggregate, bySecond, bySecond.get(0));
            assertEquals(versions, bySecond.get(bySecond.size() - 1));
            again += (int) Math.max(0, lastOfFirst - bySecond.get(0) + 1);
        }
        return again;
    }

    private static void assertConsecutive(String aggregate, List<Long> versions, long from) {
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(from + i, versions.get(i), aggregate + " out of order: " + versions);
        }
    }
}
