package dev.eventbus.camel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.testsupport.Events;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code eventbus} dev console against a running consumer on a real broker, as JSON and as text: counters, lag,
 * and the committed and completed offsets per partition moving by the events of each round.
 */
final class ConsoleChecks {

    private ConsoleChecks() {
    }

    static DevConsole console(CamelContext context) {
        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("eventbus");
        assertNotNull(console, "eventbus dev console not found");
        return console;
    }

    /**
     * Publishes {@code perRound} events twice to {@code uri}; after each round the console shows the route
     * {@code routeId} caught up (processed, nothing in flight, lag 0) and, when {@code offsetsKnown}, the sums of the
     * committed and of the completed offsets over the partitions {@code perRound} higher than after the last round.
     */
    static void offsetsMove(CamelContext context, ProducerTemplate template, String uri, String routeId,
            String transport, int perRound, boolean offsetsKnown) {
        DevConsole console = console(context);
        long[] baseline = new long[2];
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            Map<String, Object> consumer = consumer(console, routeId);
            assertEquals("RUNNING", consumer.get("state"), consumer.toString());
            assertFalse(partitions(consumer).isEmpty(), "no partition assigned yet: " + consumer);
            long[] offsets = offsets(consumer);
            baseline[0] = offsets[0];
            baseline[1] = offsets[1];
        });
        for (int round = 1; round <= 2; round++) {
            for (int i = 0; i < perRound; i++) {
                template.sendBodyAndHeaders(uri, "{}", Events.headers("order-" + i, "Placed", round));
            }
            long processed = (long) round * perRound;
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
                Map<String, Object> consumer = consumer(console, routeId);
                assertEquals(transport, consumer.get("transport"));
                assertEquals(processed, counters(consumer).get("processed"), consumer.toString());
                assertEquals(0, consumer.get("inFlight"), consumer.toString());
                assertEquals(0L, consumer.get("lag"), consumer.toString());
                if (offsetsKnown) {
                    long[] offsets = offsets(consumer);
                    assertEquals(baseline[0] + processed, offsets[0], "committed offsets: " + consumer);
                    assertEquals(baseline[1] + processed, offsets[1], "completed offsets: " + consumer);
                }
            });
            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertTrue(text.contains("Route Id: " + routeId), text);
            assertTrue(text.contains("Transport: " + transport), text);
            assertTrue(text.contains("processed: " + processed), text);
            assertTrue(text.contains("Committed") && text.contains("Completed") && text.contains("Lag"), text);
        }
    }

    /** Sums of the committed and of the completed offsets over the partitions (an unknown one, -1, counts as 0). */
    static long[] offsets(Map<String, Object> consumer) {
        long committed = 0;
        long completed = 0;
        for (Map<String, Object> p : partitions(consumer)) {
            committed += Math.max(0, (Long) p.get("committedOffset"));
            completed += Math.max(0, (Long) p.get("completedOffset"));
        }
        return new long[]{committed, completed};
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> counters(Map<String, Object> consumer) {
        return (Map<String, Object>) consumer.get("counters");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> partitions(Map<String, Object> consumer) {
        return (List<Map<String, Object>>) consumer.get("partitions");
    }

    /** The console's JSON entry of the route {@code routeId}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> consumer(DevConsole console, String routeId) {
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        for (Map<String, Object> consumer : (List<Map<String, Object>>) json.get("consumers")) {
            if (routeId.equals(consumer.get("routeId"))) {
                return consumer;
            }
        }
        throw new AssertionError("no consumer of route " + routeId + " in " + json.toJson());
    }
}
