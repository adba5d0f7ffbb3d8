package dev.eventbus.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdict of a crash test: a consumer JVM ({@link ConsumerProcess}) was killed mid-stream and a successor in the
 * same group went on. Aggregates {@code <prefix>0 .. <prefix>N-1}, versions 1..V each.
 */
final class KilledConsumerCheck {

    private final String prefix;
    private final int aggregates;
    private final long versions;
    private Map<String, List<Long>> first = Map.of();
    private final Map<String, List<Long>> second = new ConcurrentHashMap<>();
    private int processedByFirst;

    KilledConsumerCheck(String prefix, int aggregates, long versions) {
        this.prefix = prefix;
        this.aggregates = aggregates;
        this.versions = versions;
    }

    /** Version {@code version} of every aggregate (the events to publish). */
    List<Envelope> events(long version) {
        List<Envelope> events = new ArrayList<>(aggregates);
        for (int a = 0; a < aggregates; a++) {
            events.add(Envelope.builder().aggregateId(prefix + a).eventType("T").eventVersion(version).payload("{}")
                    .build());
        }
        return events;
    }

    /**
     * Forks a consumer JVM on {@code endpointUri}, kills it with SIGKILL once it processed more than a quarter of the
     * events, and reads what it processed.
     */
    void runAndKill(String endpointUri, String logName) throws IOException, InterruptedException {
        Path processedFile = Files.createTempFile(Path.of("target"), logName + "-", ".txt");
        Process killed = ConsumerProcess.start(endpointUri, processedFile, Path.of("target", logName + ".log"));
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> Files.readAllLines(processedFile).size() > aggregates * versions / 4);
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(readFirst(processedFile) < aggregates * versions, "the killed consumer had finished already");
    }

    /** Runs the successor: a new CamelContext ({@code setup} may configure it) consuming {@code endpointUri} until done. */
    void runSuccessor(String endpointUri, Consumer<CamelContext> setup) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            setup.accept(camel);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(endpointUri).process(KilledConsumerCheck.this::processedBySecond);
                }
            });
            camel.start();
            await().atMost(Duration.ofSeconds(90)).until(this::finished);
        }
    }

    /** Reads what the killed consumer wrote to {@code file}; returns how many events it processed. */
    int readFirst(Path file) throws IOException {
        Map<String, List<Long>> read = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split(" ");
            if (parts.length == 2) {
                read.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
            }
        }
        first = read;
        processedByFirst = read.values().stream().mapToInt(List::size).sum();
        return processedByFirst;
    }

    /** Records an event the successor processed (the successor's route calls it). */
    void processedBySecond(Exchange exchange) {
        List<Long> list = second.computeIfAbsent(
                exchange.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                k -> new ArrayList<>());
        synchronized (list) {
            list.add(exchange.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class));
        }
    }

    /** Whether every aggregate's last version was processed by one of the two. */
    boolean finished() {
        for (int a = 0; a < aggregates; a++) {
            List<Long> bySecond = second.get(prefix + a);
            boolean doneByFirst = first.getOrDefault(prefix + a, List.of()).contains(versions);
            if (!doneByFirst && (bySecond == null || !snapshot(bySecond).contains(versions))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Asserts that each aggregate's versions are consecutive in both, that the successor started at or before the
     * first version the killed one did not process (nothing skipped), and that every event was processed at least once.
     *
     * @return a line with the numbers
     */
    String assertNothingSkippedAndOrderKept() {
        int again = 0;
        int bySecondTotal = 0;
        for (int a = 0; a < aggregates; a++) {
            String aggregate = prefix + a;
            List<Long> byFirst = first.getOrDefault(aggregate, List.of());
            List<Long> bySecond = snapshot(second.getOrDefault(aggregate, List.of()));
            bySecondTotal += bySecond.size();
            assertConsecutive(aggregate, byFirst, 1);
            long lastOfFirst = byFirst.isEmpty() ? 0 : byFirst.get(byFirst.size() - 1);
            if (!bySecond.isEmpty()) {
                assertTrue(bySecond.get(0) <= lastOfFirst + 1,
                        aggregate + " skipped from " + lastOfFirst + " to " + bySecond.get(0));
                assertConsecutive(aggregate, bySecond, bySecond.get(0));
                assertEquals(versions, bySecond.get(bySecond.size() - 1));
                again += (int) Math.max(0, lastOfFirst - bySecond.get(0) + 1);
            } else {
                assertEquals(versions, lastOfFirst, aggregate + " not finished");
            }
        }
        assertEquals(aggregates * versions, processedByFirst + bySecondTotal - again);
        return "killed consumer processed " + processedByFirst + ", successor " + bySecondTotal + ", processed again "
                + again;
    }

    private static List<Long> snapshot(List<Long> list) {
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    private static void assertConsecutive(String aggregate, List<Long> list, long from) {
        for (int i = 0; i < list.size(); i++) {
            assertEquals(from + i, list.get(i), aggregate + " out of order: " + list);
        }
    }
}
