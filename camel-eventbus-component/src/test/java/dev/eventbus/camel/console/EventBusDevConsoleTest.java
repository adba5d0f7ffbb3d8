package dev.eventbus.camel.console;

import java.util.List;
import java.util.Map;

import dev.eventbus.camel.EventBusTestSupport;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Camel resolves the {@code eventbus} dev console by name (without camel-console), and it shows each eventbus consumer
 * route with its numbers, as text and as JSON.
 */
class EventBusDevConsoleTest extends EventBusTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:console-orders?groupId=shipping&concurrency=2&servers=nats://ops:hunter2@localhost:4222"
                        + "&nkey=SUSECRETSEED").routeId("console-consumer")
                        .to("mock:done");
                from("direct:other").routeId("not-eventbus").to("mock:other");
            }
        };
    }

    @Test
    void showsEachConsumerRouteAsTextAndJson() throws Exception {
        MockEndpoint done = getMockEndpoint("mock:done");
        done.expectedMessageCount(3);
        for (int i = 1; i <= 3; i++) {
            template.sendBodyAndHeaders("eventbus:console-orders", "{}", event("order-" + i, "Placed", 1));
        }
        done.assertIsSatisfied(10_000);

        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("eventbus");
        assertNotNull(console, "eventbus dev console not found");
        assertInstanceOf(EventBusDevConsole.class, console);
        assertEquals("eventbus", console.getId());

        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("Route Id: console-consumer"), text);
        assertTrue(text.contains("Transport: memory  Topic: console-orders  Group: shipping"), text);
        assertTrue(text.contains("processed: 3"), text);
        assertTrue(!text.contains("not-eventbus"), text);
        // option values may hold secrets (a password in the percent-encoded servers URL, an NKey seed)
        assertTrue(text.contains("From: eventbus://console-orders"), text);
        assertFalse(text.contains("hunter2") || text.contains("SUSECRETSEED"), text);

        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> consumers = (List<Map<String, Object>>) json.get("consumers");
        assertEquals(1, consumers.size(), json.toJson());
        Map<String, Object> consumer = consumers.get(0);
        assertEquals("console-consumer", consumer.get("routeId"));
        assertFalse(json.toJson().contains("hunter2") || json.toJson().contains("SUSECRETSEED"), json.toJson());
        assertEquals("memory", consumer.get("transport"));
        assertEquals("console-orders", consumer.get("topic"));
        assertEquals("shipping", consumer.get("groupId"));
        assertEquals(2, consumer.get("concurrency"));
        @SuppressWarnings("unchecked")
        Map<String, Object> counters = (Map<String, Object>) consumer.get("counters");
        assertEquals(3L, counters.get("processed"));
        assertEquals(0L, counters.get("deadLettered"));
        assertEquals("RUNNING", consumer.get("state"));
        assertEquals(0L, consumer.get("lag"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> partitions = (List<Map<String, Object>>) consumer.get("partitions");
        assertEquals(8, partitions.size(), json.toJson());
        assertEquals(3L, partitions.stream().mapToLong(p -> (Long) p.get("committedOffset")).sum(), json.toJson());
        assertTrue(text.contains("Committed") && text.contains("Completed"), text);
    }
}
