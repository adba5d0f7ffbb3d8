package dev.eventbus.camel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cloudevents.CloudEvent;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CloudEvents on NATS JetStream following the NATS protocol binding (1.0.3: binary mode in {@code ce-} headers with
 * percent-encoded values, structured mode marked by {@code Content-Type: application/cloudevents+json}), with a plain
 * jnats client as the foreign publisher and reader (the CloudEvents Java SDK has no NATS binding).
 */
class NatsCloudEventsIT extends NatsTestSupport {

    private static final int AGGREGATES = 6;
    private static final int VERSIONS = 12;
    private static final String TYPE = "订单已支付 \"paid\" 100%";

    private final String out = topic + "out";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=ce&concurrency=6")).routeId("mixed").to("mock:mixed");
                from(nats(out, "groupId=ce")).routeId("out").to("mock:out");
            }
        };
    }

    @Test
    void foreignBinaryAndStructuredAndEventBusMessagesOfTheSameAggregatesInterleaveInOrderWithoutDuplicates()
            throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:mixed");
        mock.expectedMessageCount(AGGREGATES * VERSIONS);
        int duplicates = 0;
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                String aggregate = "nce-" + a;
                int writer = (v + a) % 4;
                send(writer, aggregate, v);
                if (v % 4 == 0) { // the same event again, from the foreign publisher (no Nats-Msg-Id): a duplicate
                    send(writer == 0 ? 1 : 0, aggregate, v);
                    duplicates++;
                }
            }
        }
        mock.assertIsSatisfied(30_000);
        Map<String, List<Long>> versions = new HashMap<>();
        int violations = 0;
        for (Exchange e : mock.getReceivedExchanges()) {
            Message m = e.getMessage();
            List<Long> seen = versions.computeIfAbsent(m.getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                    k -> new ArrayList<>());
            long version = m.getHeader(EventBusConstants.EVENT_VERSION, Long.class);
            if (version != seen.size() + 1) {
                violations++;
            }
            seen.add(version);
            assertEquals("{\"v\":" + version + "}", m.getBody(String.class));
            assertEquals(TYPE, m.getHeader(EventBusConstants.EVENT_TYPE));
        }
        assertEquals(0, violations, versions.toString());
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("mixed").getConsumer();
        int expected = duplicates;
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getStats().duplicatesSkipped() == expected);
        assertEquals(0, consumer.getStats().deadLettered());
        // nce-3-1 came from the foreign binary publisher ((1 + 3) % 4 = 0), nce-0-1 from the structured one
        for (String id : List.of("nce-3-1", "nce-0-1")) {
            Message m = mock.getReceivedExchanges().stream().map(Exchange::getMessage)
                    .filter(x -> id.equals(x.getHeader(EventBusConstants.EVENT_ID))).findFirst().orElseThrow();
            assertEquals("urn:jnats", m.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_SOURCE), id);
            assertEquals(TYPE, m.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_TYPE), id);
            assertEquals("corr 😀", m.getHeader(EventBusConstants.CORRELATION_ID), id);
            assertTrue(m.getHeaders().keySet().stream().noneMatch(n -> n.toLowerCase().startsWith("ce-")), id);
        }
        System.out.printf("nats mixed formats: aggregates=%d versions=%d events=%d duplicates skipped=%d violations=%d "
                + "lost=%d%n", AGGREGATES, VERSIONS, mock.getReceivedCounter(), duplicates, violations,
                AGGREGATES * VERSIONS - mock.getReceivedCounter());
    }

    /** Writer 0: jnats binary, 1: jnats structured, 2: eventbus envelope, 3: eventbus binary. */
    private void send(int writer, String aggregate, int version) throws Exception {
        String id = aggregate + "-" + version;
        String data = "{\"v\":" + version + "}";
        String time = "2026-11-22T12:15:30.5+02:00";
        switch (writer) {
            case 0 -> {
                Headers h = new Headers().put("ce-specversion", "1.0").put("ce-id", id).put("ce-source", "urn:jnats")
                        .put("ce-type", "%E8%AE%A2%E5%8D%95%E5%B7%B2%E6%94%AF%E4%BB%98%20%22paid%22%20100%25")
                        .put("ce-subject", aggregate).put("ce-time", time).put("ce-datacontenttype", "application/json")
                        .put("ce-eventversion", Integer.toString(version))
                        .put("ce-correlationid", "corr%20%F0%9F%98%80");
                plain().jetStream().publish(topic, h, data.getBytes(StandardCharsets.UTF_8));
            }
            case 1 -> {
                Map<String, Object> event = new HashMap<>();
                event.put("specversion", "1.0");
                event.put("id", id);
                event.put("source", "urn:jnats");
                event.put("type", TYPE);
                event.put("subject", aggregate);
                event.put("time", time);
                event.put("eventversion", version);
                event.put("correlationid", "corr 😀");
                event.put("datacontenttype", "application/json");
                event.put("data", Map.of("v", version));
                plain().jetStream().publish(topic, new Headers().put("Content-Type", "application/cloudevents+json"),
                        new ObjectMapper().writeValueAsBytes(event));
            }
            default -> {
                Map<String, Object> headers = new HashMap<>(event(aggregate, TYPE, version));
                headers.put(EventBusConstants.EVENT_ID, id);
                headers.put(EventBusConstants.CORRELATION_ID, "corr 😀");
                template.sendBodyAndHeaders(nats(writer == 3 ? "format=cloudevents-binary" : ""), data, headers);
            }
        }
    }

    @Test
    void eventBusCloudEventsFollowTheNatsBinding() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:out");
        mock.expectedBodiesReceived("{\"n\":1}", "{\"n\":2}");
        Map<String, Object> headers = new HashMap<>(event("o-1", TYPE, 1));
        headers.put(EventBusConstants.EVENT_ID, "bin-1");
        headers.put(EventBusConstants.TIMESTAMP, "2026-11-22T10:15:30.123456789Z");
        headers.put(EventBusConstants.CORRELATION_ID, "a+b 😀");
        template.sendBodyAndHeaders(nats(out, "format=cloudevents-binary&cloudEventsSource=urn:orders"), "{\"n\":1}",
                headers);
        headers.put(EventBusConstants.EVENT_ID, "str-1");
        headers.put(EventBusConstants.EVENT_VERSION, 2L);
        template.sendBodyAndHeaders(nats(out, "format=cloudevents-structured"), "{\"n\":2}", headers);
        mock.assertIsSatisfied(10_000);
        assertEquals(TYPE,
                mock.getReceivedExchanges().get(0).getMessage().getHeader(CloudEvent.CAMEL_CLOUD_EVENT_TYPE));
        assertEquals("a+b 😀",
                mock.getReceivedExchanges().get(1).getMessage().getHeader(EventBusConstants.CORRELATION_ID));

        MessageInfo binary = stored(out.toUpperCase(), 1);
        Headers h = binary.getHeaders();
        assertEquals("1.0", h.getFirst("ce-specversion"));
        assertEquals("bin-1", h.getFirst("ce-id"));
        assertEquals("urn:orders", h.getFirst("ce-source"));
        assertEquals("o-1", h.getFirst("ce-subject"));
        assertEquals("2026-11-22T10:15:30.123456789Z", h.getFirst("ce-time"));
        assertEquals("application/json", h.getFirst("ce-datacontenttype"));
        assertEquals("1", h.getFirst("ce-eventversion"));
        assertEquals("o-1", h.getFirst("ce-partitionkey"));
        assertEquals("%E8%AE%A2%E5%8D%95%E5%B7%B2%E6%94%AF%E4%BB%98%20%22paid%22%20100%25", h.getFirst("ce-type"));
        assertEquals(TYPE, URLDecoder.decode(h.getFirst("ce-type"), StandardCharsets.UTF_8));
        assertEquals("a+b%20%F0%9F%98%80", h.getFirst("ce-correlationid"));
        assertNull(h.getFirst("Content-Type"));
        assertEquals("{\"n\":1}", new String(binary.getData(), StandardCharsets.UTF_8));

        MessageInfo structured = stored(out.toUpperCase(), 2);
        assertEquals("application/cloudevents+json", structured.getHeaders().getFirst("Content-Type"));
        JsonNode json = new ObjectMapper().readTree(structured.getData());
        assertEquals("str-1", json.get("id").asText());
        assertEquals(TYPE, json.get("type").asText());
        assertEquals("/eventbus/" + out, json.get("source").asText());
        assertEquals("o-1", json.get("subject").asText());
        assertEquals("2", json.get("eventversion").asText());
        assertEquals(2, json.get("data").get("n").asInt());
    }
}
