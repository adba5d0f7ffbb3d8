package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.consumer.DeadLetterHeaders;
import dev.eventbus.camel.consumer.DeadLetters;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failing routes are retried in place, then dead-lettered; malformed records go to the dead-letter topic at once. */
class KafkaFailuresIT extends KafkaITSupport {

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final String malformedTopic = topic + "-mixed";
    private final String hostileTopic = topic + "-hostile";
    private final String poisonTopic = topic + "-poison";
    private final Set<String> good = ConcurrentHashMap.newKeySet();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?groupId=failures&maxDeliveries=3&redeliveryDelay=20&partitions=1")
                        .routeId("failing")
                        .process(e -> {
                            String id = e.getMessage().getHeader(EventBusConstants.EVENT_ID, String.class);
                            int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            String body = e.getMessage().getBody(String.class);
                            if (body.contains("always-fails") || body.contains("fails-twice") && attempt <= 2) {
                                throw new IllegalStateException("billing refused " + id);
                            }
                        })
                        .to("mock:processed");
                from("eventbus:" + poisonTopic + "?groupId=poison&partitions=1").routeId("poison")
                        .to("mock:poison");
                from("eventbus:" + hostileTopic + "?groupId=hostile&maxDeliveries=1").routeId("hostile")
                        .throwException(new IllegalStateException(NatsDeadLetterDestinationIT.HOSTILE_REASON));
                from("eventbus:" + malformedTopic + "?groupId=failures&concurrency=8")
                        .routeId("mixed")
                        .process(e -> good.add(e.getMessage().getHeader(EventBusConstants.EVENT_ID, String.class)));
            }
        };
    }

    @Test
    void failingTwiceIsRetriedInPlaceAndAlwaysFailingIsDeadLetteredWhileThePartitionFlows() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:processed");
        mock.expectedBodiesReceivedInAnyOrder("{\"n\":1}", "{\"n\":2,\"fails-twice\":true}", "{\"n\":3}",
                "{\"n\":1,\"other\":true}");
        template.sendBodyAndHeaders("eventbus:" + topic, "{\"n\":1}", event("acct-1", 1));
        template.sendBodyAndHeaders("eventbus:" + topic, "{\"n\":2,\"fails-twice\":true}", event("acct-1", 2));
        template.sendBodyAndHeaders("eventbus:" + topic, "{\"n\":3}", event("acct-1", 3));
        template.sendBodyAndHeaders("eventbus:" + topic, "{\"n\":4,\"always-fails\":true}", event("acct-1", 4));
        // another aggregate on the same (single) partition keeps flowing
        template.sendBodyAndHeaders("eventbus:" + topic, "{\"n\":1,\"other\":true}", event("acct-2", 1));
        mock.assertIsSatisfied(20_000);

        List<ConsumerRecord<String, byte[]>> dead = readRaw(topic + ".dlq", 1);
        assertEquals(1, dead.size());
        ConsumerRecord<String, byte[]> record = dead.get(0);
        assertEquals("acct-1", record.key());
        assertTrue(new String(record.value(), StandardCharsets.UTF_8).contains("always-fails"));
        Map<String, String> headers = headers(record);
        assertTrue(
                headers.get(DeadLetterHeaders.REASON)
                        .startsWith("failed 3 times: java.lang.IllegalStateException: billing refused"),
                headers.get(DeadLetterHeaders.REASON));
        assertEquals(topic, headers.get(DeadLetterHeaders.ORIGINAL_TOPIC));
        assertEquals("0", headers.get(DeadLetterHeaders.ORIGINAL_PARTITION));
        assertEquals("3", headers.get(DeadLetterHeaders.ORIGINAL_OFFSET));
        assertEquals("failures", headers.get(DeadLetterHeaders.GROUP_ID));
        // context kept: the exception class, the original record's timestamp and its own headers
        assertEquals("java.lang.IllegalStateException", headers.get(DeadLetterHeaders.EXCEPTION_CLASS));
        assertEquals(Long.toString(originalTimestamp(topic, 3)), headers.get(DeadLetterHeaders.ORIGINAL_TIMESTAMP));
        assertEquals("Billed", headers.get("X-Event-Type"), "the original record's headers are kept");
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("failing").getConsumer();
        await().until(() -> consumer.getStats().deadLettered() == 1);
        // two retries of the event that failed twice, two of the one that always failed
        assertEquals(4, consumer.getStats().redeliveries());
        // the aggregate's order is kept across the retries: 1, 2 (third attempt), 3
        List<String> acct1 = mock.getReceivedExchanges().stream()
                .filter(e -> "acct-1".equals(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID)))
                .map(e -> e.getMessage().getBody(String.class)).toList();
        assertEquals(List.of("{\"n\":1}", "{\"n\":2,\"fails-twice\":true}", "{\"n\":3}"), acct1);
    }

    @Test
    void malformedRecordsMixedIntoGoodOnesAllGoToTheDeadLetterTopic() throws Exception {
        EnvelopeCodec codec = new EnvelopeCodec();
        Set<String> sentGood = new HashSet<>();
        List<byte[]> malformed = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            for (int i = 0; i < 11_000; i++) {
                String aggregate = "agg-" + (i % 100);
                if (i % 11 == 5) {
                    byte[] bad = ("{\"event_id\":\"bad-" + i + "\",\"aggregate_id\":").getBytes(StandardCharsets.UTF_8);
                    malformed.add(bad);
                    producer.send(
                            new org.apache.kafka.clients.producer.ProducerRecord<>(malformedTopic, aggregate, bad));
                } else {
                    Envelope e = Envelope.builder().eventId("good-" + i).aggregateId(aggregate).eventType("T")
                            .eventVersion(i + 1).payload("{}").build();
                    sentGood.add(e.eventId());
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(malformedTopic, aggregate,
                            codec.encode(e)));
                }
            }
            producer.flush();
        }
        assertEquals(1000, malformed.size());
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> good.size() == sentGood.size());
        assertEquals(sentGood, good);
        List<ConsumerRecord<String, byte[]>> dead = readRaw(malformedTopic + ".dlq", 1000);
        assertEquals(1000, dead.size());
        Set<String> deadValues = new HashSet<>();
        dead.forEach(r -> deadValues.add(new String(r.value(), StandardCharsets.UTF_8)));
        for (byte[] bad : malformed) {
            assertTrue(deadValues.contains(new String(bad, StandardCharsets.UTF_8)));
        }
        assertTrue(headers(dead.get(0)).get(DeadLetterHeaders.REASON).startsWith("undecodable: "));
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheCommittedPositionMovesPastThem() throws Exception {
        EnvelopeCodec codec = new EnvelopeCodec();
        MockEndpoint mock = getMockEndpoint("mock:poison");
        mock.expectedBodiesReceived("{\"v\":1}", "{\"v\":2}");
        byte[] otherKey = codec.encode(Envelope.builder().aggregateId("acct-1").eventType("T").eventVersion(5)
                .payload("{}").build());
        byte[] absurd = new String(codec.encode(Envelope.builder().aggregateId("acct-1").eventType("T").eventVersion(6)
                .payload("{}").build()), StandardCharsets.UTF_8).replace("\"event_version\":6", "\"event_version\":"
                        + Long.MAX_VALUE)
                .getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            sendRaw(producer, poisonTopic, "acct-1",
                    codec.encode(Envelope.builder().aggregateId("acct-1").eventType("T")
                            .eventVersion(1).payload("{\"v\":1}").build()),
                    Map.of());
            sendRaw(producer, poisonTopic, "acct-1", null, Map.of()); // a tombstone
            sendRaw(producer, poisonTopic, "acct-2", otherKey, Map.of());
            sendRaw(producer, poisonTopic, "acct-1", absurd, Map.of());
            sendRaw(producer, poisonTopic, "acct-1",
                    codec.encode(Envelope.builder().aggregateId("acct-1").eventType("T")
                            .eventVersion(2).payload("{\"v\":2}").build()),
                    Map.of());
        }
        mock.assertIsSatisfied(20_000);
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>(readRaw(poisonTopic + ".dlq", 3));
        assertEquals(3, dead.size());
        dead.sort(java.util.Comparator.comparing(r -> headers(r).get(DeadLetterHeaders.ORIGINAL_OFFSET)));
        assertEquals(0, dead.get(0).value().length, "a tombstone is dead-lettered with an empty value");
        assertEquals("null value (a tombstone): not an event", headers(dead.get(0)).get(DeadLetterHeaders.REASON));
        assertEquals("record key 'acct-2' does not match the envelope's aggregate_id 'acct-1'",
                headers(dead.get(1)).get(DeadLetterHeaders.REASON));
        assertTrue(headers(dead.get(2)).get(DeadLetterHeaders.REASON).contains("event_version must be at most"));
        // the group's committed position is past all five records
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> committed(poisonTopic, "poison") == 5);
    }

    @Test
    void aMultiLineNonAsciiLongReasonIsDeadLettered() throws Exception {
        template.sendBodyAndHeaders("eventbus:" + hostileTopic, "{}", event("h-1", 1));
        ConsumerRecord<String, byte[]> dead = readRaw(hostileTopic + ".dlq", 1).get(0);
        String reason = headers(dead).get(DeadLetterHeaders.REASON);
        assertTrue(reason.startsWith("failed 1 times: java.lang.IllegalStateException: "
                + NatsDeadLetterDestinationIT.HOSTILE_REASON.substring(0, 60)), reason);
        assertEquals(DeadLetters.MAX_REASON, reason.length());
    }

    private static long originalTimestamp(String topic, long offset) {
        return readRaw(topic, (int) offset + 1).stream().filter(r -> r.offset() == offset).findFirst().orElseThrow()
                .timestamp();
    }

    private static long committed(String topic, String group) {
        Map<String, Object> props = new java.util.HashMap<>();
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, group);
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                props, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(topic, 0);
            org.apache.kafka.clients.consumer.OffsetAndMetadata offset = consumer.committed(java.util.Set.of(tp))
                    .get(tp);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static Map<String, Object> event(String aggregateId, long version) {
        return Map.of(EventBusConstants.AGGREGATE_ID, aggregateId, EventBusConstants.EVENT_TYPE, "Billed",
                EventBusConstants.EVENT_VERSION, version);
    }
}
