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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code eventbus} dev console against a running consumer on a real broker: two rounds of events, and after each
 * the counters, the committed and completed offsets per partition and the lag as the console shows them (JSON and
 * text), the offsets having moved by the round's events.
 */
final class ConsoleChecks {

    private ConsoleChecks() {
    }

    /** Publishes {@code perRound} events twice to {@code uri}; the route {@code routeId} consumes them. */
    static void offsetsMove(CamelContext context, ProducerTemplate template, String uri, String routeId,
            String transport, int perRound) {
        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("eventbus");
        assertNotNull(console, "eventbus dev console not found");
        long[] previous = null;
        for (int round = 1; round <= 2; round++) {
            for (int i = 0; i < perRound; i++) {
                template.sendBodyAndHeaders(uri, "{}", Events.headers("order-" + i, "Placed", round));
            }
            Map<String, Object> consumer = caughtUp(console, routeId, (long) round * perRound, transport);
            long[] offsets = offsets(consumer);
            if (previous == null) {
                assertTrue(offsets[0] > 0 && offsets[1] > 0, "no offsets after the first round: " + consumer);
            } else {
                // the offsets moved by the round's events
                assertEquals(previous[0] + perRound, offsets[0], "committed offsets " + consumer);
                assertEquals(previous[1] + perRound, offsets[1], "completed offsets " + consumer);
            }
            previous = offsets;
            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertTrue(text.contains("Route Id: " + routeId), text);
            assertTrue(text.contains("Transport: " + transport), text);
            assertTrue(text.contains("processed: " + (long) round * perRound), text);
            assertTrue(text.contains("Partition") && text.contains("Committed") && text.contains("Completed"), text);
        }
    }

    /**
     * The console's entry of {@code routeId} once it processed {@code processed} events, committed them and caught
     * up (lag 0).
     */
    private static Map<String, Object> caughtUp(DevConsole console, String routeId, long processed, String transport) {
        @SuppressWarnings("unchecked")
        Map<String, Object>[] found = new Map[1];
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            Map<String, Object> consumer = consumer(console, routeId);
            assertEquals(transport, consumer.get("transport"));
            assertEquals("RUNNING", consumer.get("state"), consumer.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> counters = (Map<String, Object>) consumer.get("counters");
            assertEquals(processed, counters.get("processed"), consumer.toString());
            assertEquals(0, consumer.get("inFlight"), consumer.toString());
            assertEquals(0L, consumer.get("lag"), consumer.toString());
            List<Map<String, Object>> partitions = partitions(consumer);
            assertTrue(!partitions.isEmpty(), consumer.toString());
            for (Map<String, Object> p : partitions) {
                assertEquals(p.get("completedOffset"), p.get("committedOffset"), consumer.toString());
            }
            found[0] = consumer;
        });
        return found[0];
    }

    /** Sums of the committed and completed offsets over the partitions. */
    private static long[] offsets(Map<String, Object> consumer) {
        long committed = 0;
        long completed = 0;
        for (Map<String, Object> p : partitions(consumer)) {
            committed += Math.max(0, (Long) p.get("committedOffset"));
            completed += Math.max(0, (Long) p.get("completedOffset"));
        }
        return new long[]{committed, completed};
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> partitions(Map<String, Object> consumer) {
        return (List<Map<String, Object>>) consumer.get("partitions");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> consumer(DevConsole console, String routeId) {
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        for (Map<String, Object> consumer : (List<Map<String, Object>>) json.get("consumers")) {
            if (routeId.equals(consumer.get("routeId"))) {
                return consumer;
            }
        }
        throw new AssertionError("no consumer of route " + routeId + " in " + json.toJson());
    }
}
