package dev.eventbus.camel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.consumer.DeadLetterHeaders;
import dev.eventbus.camel.format.CloudEventsBinding;
import dev.eventbus.camel.transport.kafka.SaramaPartitioner;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CloudEvents on a real Kafka broker with the CloudEvents Java SDK ({@code cloudevents-kafka},
 * {@code cloudevents-json-jackson}) as the foreign producer and consumer, on 8-partition topics.
 */
class KafkaCloudEventsIT extends KafkaITSupport {

    private static final int AGGREGATES = 8;
    private static final int VERSIONS = 12;
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final String mixed = topic + "-mixed";
    private final String out = topic + "-out";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + mixed + "?groupId=ce&concurrency=8").routeId("mixed").to("mock:mixed");
            }
        };
    }

    /** An SDK producer; it partitions like the eventbus producer (sarama), as a fleet sharing a topic must. */
    private static KafkaProducer<String, CloudEvent> sdkProducer(Encoding encoding) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, SaramaPartitioner.class.getName());
        props.put(CloudEventSerializer.ENCODING_CONFIG, encoding);
        props.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        return new KafkaProducer<>(props, new StringSerializer(), new CloudEventSerializer());
    }

    private static CloudEvent sdkEvent(String aggregate, int version, String id) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("urn:sdk:shop")).withType("OrderChanged")
                .withSubject(aggregate).withTime(OffsetDateTime.parse("2026-11-22T12:15:30.123456789+02:00"))
                .withData("application/json", ("{\"v\":" + version + "}").getBytes(StandardCharsets.UTF_8))
                .withExtension("eventversion", version).withExtension("tenantid", "5000000000")
                .withExtension("correlationid", "corr-" + aggregate).build();
    }

    @Test
    void sdkBinaryAndStructuredAndEventBusRecordsOfTheSameAggregatesInterleaveInOrderWithoutDuplicates()
            throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:mixed");
        mock.expectedMessageCount(AGGREGATES * VERSIONS);
        int duplicates = 0;
        try (KafkaProducer<String, CloudEvent> binary = sdkProducer(Encoding.BINARY);
                KafkaProducer<String, CloudEvent> structured = sdkProducer(Encoding.STRUCTURED)) {
            for (int v = 1; v <= VERSIONS; v++) {
                for (int a = 0; a < AGGREGATES; a++) {
                    String aggregate = "ce-" + a;
                    String id = aggregate + "-" + v;
                    int writer = (v + a) % 4;
                    send(writer, aggregate, v, id, binary, structured);
                    if (v % 4 == 0) { // the same event again by the next writer: a duplicate on the wire
                        send((writer + 1) % 4, aggregate, v, id, binary, structured);
                        duplicates++;
                    }
                }
            }
        }
        mock.assertIsSatisfied(30_000);
        Map<String, List<Long>> versions = new HashMap<>();
        Map<String, String> threads = new HashMap<>();
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
        }
        assertEquals(0, violations, versions.toString());
        assertEquals(AGGREGATES, versions.size());
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("mixed").getConsumer();
        int expectedDuplicates = duplicates;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> consumer.getStats().duplicatesSkipped() == expectedDuplicates);
        assertEquals(0, consumer.getStats().deadLettered());

        // ce-3-1 was written by the SDK's binary producer (writer (1 + 3) % 4 = 0), ce-0-1 by its structured one
        for (String id : List.of("ce-3-1", "ce-0-1")) {
            assertSdkEvent(mock, id);
        }
        System.out.printf(
                "kafka mixed formats: aggregates=%d versions=%d events=%d duplicates skipped=%d violations=%d "
                        + "lost=%d%n",
                AGGREGATES, VERSIONS, mock.getReceivedCounter(), duplicates, violations,
                AGGREGATES * VERSIONS - mock.getReceivedCounter());
    }

    private static void assertSdkEvent(MockEndpoint mock, String id) {
        Message sdk = mock.getReceivedExchanges().stream().map(Exchange::getMessage)
                .filter(m -> id.equals(m.getHeader(EventBusConstants.EVENT_ID))).findFirst().orElseThrow();
        String aggregate = id.substring(0, 4);
        assertEquals("urn:sdk:shop", sdk.getHeader(org.apache.camel.cloudevents.CloudEvent.CAMEL_CLOUD_EVENT_SOURCE),
                id);
        assertEquals("OrderChanged", sdk.getHeader(org.apache.camel.cloudevents.CloudEvent.CAMEL_CLOUD_EVENT_TYPE));
        assertEquals(aggregate, sdk.getHeader(org.apache.camel.cloudevents.CloudEvent.CAMEL_CLOUD_EVENT_SUBJECT));
        assertEquals(5_000_000_000L, sdk.getHeader(EventBusConstants.TENANT_ID));
        assertEquals("corr-" + aggregate, sdk.getHeader(EventBusConstants.CORRELATION_ID));
        assertEquals(java.time.Instant.parse("2026-11-22T10:15:30.123456789Z"),
                sdk.getHeader(EventBusConstants.TIMESTAMP));
        assertTrue(sdk.getHeaders().keySet().stream().noneMatch(n -> n.startsWith("ce_")), sdk.getHeaders().toString());
    }

    @Test
    void anSdkEventWithoutEventVersionIsDeadLetteredWithItsBytesAndHeadersAndTheAggregateMovesOn() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:mixed");
        mock.expectedBodiesReceived("{\"v\":1}");
        CloudEvent unversioned = CloudEventBuilder.v1(sdkEvent("ce-dl", 1, "dl-1")).withoutExtension("eventversion")
                .build();
        try (KafkaProducer<String, CloudEvent> binary = sdkProducer(Encoding.BINARY)) {
            binary.send(new ProducerRecord<>(mixed, "ce-dl", unversioned)).get();
            binary.send(new ProducerRecord<>(mixed, "ce-dl", sdkEvent("ce-dl", 1, "dl-2"))).get();
        }
        mock.assertIsSatisfied(20_000);
        ConsumerRecord<String, byte[]> dead = readRaw(mixed + ".dlq", 1).get(0);
        Map<String, String> headers = headers(dead);
        assertEquals("undecodable: Invalid envelope: CloudEvent attribute 'eventversion' must be present",
                headers.get(DeadLetterHeaders.REASON));
        assertEquals("dl-1", headers.get("ce_id"));
        assertEquals("application/json", headers.get("content-type"));
        assertArrayEquals("{\"v\":1}".getBytes(StandardCharsets.UTF_8), dead.value());
    }

    @Test
    void aStructuredSdkEventWithForeignCeHeadersIsReadAsStructuredAndNoneOfThemReachesTheExchange() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:mixed");
        mock.expectedBodiesReceived("{\"v\":1}");
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEventsBinding.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("ce-type", "Spoofed".getBytes(StandardCharsets.UTF_8));
        headers.add("CE-SOURCE", "urn:evil".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)); // binary-looking, but structured wins
        byte[] value = new JsonFormat().serialize(sdkEvent("ce-f", 1, "f-1")); // the SDK's JSON event format
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, SaramaPartitioner.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(mixed, null, "ce-f", value, headers)).get();
        }
        mock.assertIsSatisfied(20_000);
        Message m = mock.getReceivedExchanges().get(0).getMessage();
        assertEquals("urn:sdk:shop", m.getHeader(EventBusConstants.CLOUD_EVENT_SOURCE));
        assertEquals("OrderChanged", m.getHeader(EventBusConstants.CLOUD_EVENT_TYPE));
        assertNull(m.getHeader(Exchange.CONTENT_TYPE), m.getHeaders().toString());
        assertTrue(m.getHeaders().keySet().stream().noneMatch(n -> n.regionMatches(true, 0, "ce_", 0, 3)
                || n.regionMatches(true, 0, "ce-", 0, 3)),
                m.getHeaders().toString());
    }

    /** Writer 0: SDK binary, 1: SDK structured, 2: eventbus envelope, 3: eventbus binary. */
    private void send(int writer, String aggregate, int version, String id, KafkaProducer<String, CloudEvent> binary,
            KafkaProducer<String, CloudEvent> structured) throws Exception {
        switch (writer) {
            case 0 -> binary.send(new ProducerRecord<>(mixed, aggregate, sdkEvent(aggregate, version, id))).get();
            case 1 -> structured.send(new ProducerRecord<>(mixed, aggregate, sdkEvent(aggregate, version, id))).get();
            default -> {
                Map<String, Object> headers = new HashMap<>(
                        EventBusTestSupport.event(aggregate, "OrderChanged", version));
                headers.put(EventBusConstants.EVENT_ID, id);
                template.sendBodyAndHeaders("eventbus:" + mixed + (writer == 3 ? "?format=cloudevents-binary" : ""),
                        "{\"v\":" + version + "}", headers);
            }
        }
    }

    @Test
    void eventBusCloudEventsAreReadByTheSdkConsumer() {
        Map<String, Object> headers = new HashMap<>(EventBusTestSupport.event("order-7", "OrderPaid", 3));
        headers.put(EventBusConstants.TIMESTAMP, "2026-11-22T10:15:30.123456789Z");
        headers.put(EventBusConstants.TRACE_ID, TRACEPARENT);
        headers.put(EventBusConstants.CORRELATION_ID, "corr-7");
        headers.put(EventBusConstants.TENANT_ID, 5_000_000_000L);
        headers.put(EventBusConstants.EVENT_ID, "binary-1");
        template.sendBodyAndHeaders("eventbus:" + out + "?format=cloudevents-binary", "{\"total\":12.5}", headers);
        headers.put(EventBusConstants.EVENT_ID, "structured-1");
        template.sendBodyAndHeaders("eventbus:" + out + "?format=cloudevents-structured&cloudEventsSource=urn:orders",
                "{\"total\":12.5}", headers);

        long started = System.nanoTime();
        Map<String, ConsumerRecord<String, CloudEvent>> byId = new HashMap<>();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        try (KafkaConsumer<String, CloudEvent> sdk = new KafkaConsumer<>(props, new StringDeserializer(),
                new CloudEventDeserializer())) {
            List<TopicPartition> partitions = sdk.partitionsFor(out, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(out, p.partition())).toList();
            sdk.assign(partitions);
            sdk.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (byId.size() < 2 && System.nanoTime() < deadline) {
                sdk.poll(Duration.ofMillis(200)).forEach(r -> byId.put(r.value().getId(), r));
            }
        }
        assertEquals(2, byId.size(), byId.keySet().toString());
        System.out.printf("SDK consumer read both records in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        for (String id : List.of("binary-1", "structured-1")) {
            ConsumerRecord<String, CloudEvent> record = byId.get(id);
            CloudEvent e = record.value();
            assertEquals("order-7", record.key());
            assertEquals("OrderPaid", e.getType());
            assertEquals("order-7", e.getSubject());
            assertEquals(URI.create(id.startsWith("binary") ? "/eventbus/" + out : "urn:orders"), e.getSource());
            assertEquals(OffsetDateTime.parse("2026-11-22T10:15:30.123456789Z"), e.getTime());
            assertEquals("application/json", e.getDataContentType());
            assertArrayEquals("{\"total\":12.5}".getBytes(StandardCharsets.UTF_8), e.getData().toBytes(), id);
            assertEquals("3", String.valueOf(e.getExtension("eventversion")));
            assertEquals("corr-7", String.valueOf(e.getExtension("correlationid")));
            assertEquals("5000000000", String.valueOf(e.getExtension("tenantid")));
            assertEquals(TRACEPARENT, String.valueOf(e.getExtension("traceid")));
            assertEquals(TRACEPARENT, String.valueOf(e.getExtension("traceparent")));
            assertEquals("order-7", String.valueOf(e.getExtension("partitionkey")));
        }
        Map<String, String> binaryHeaders = headers(readRaw(out, 2).stream()
                .filter(r -> r.headers().lastHeader("ce_id") != null).findFirst().orElseThrow());
        assertEquals("application/json", binaryHeaders.get("content-type"));
        assertTrue(binaryHeaders.keySet().containsAll(List.of("ce_specversion", "ce_id", "ce_source", "ce_type",
                "ce_subject", "ce_time", "ce_eventversion")), binaryHeaders.toString());
    }
}
