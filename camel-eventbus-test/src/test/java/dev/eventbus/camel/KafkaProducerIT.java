package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.test.kafka.KafkaTestBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sends that the broker did not acknowledge fail the exchange with the Kafka cause. */
class KafkaProducerIT extends KafkaITSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // producer tests only
            }
        };
    }

    @Test
    void aRecordTooLargeFailsTheExchangeWithTheKafkaCause() {
        String payload = "{\"blob\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBodyAndHeaders("eventbus:" + topic, payload, event()));
        assertInstanceOf(RecordTooLargeException.class, e.getCause().getCause(), e.getCause().toString());
        assertTrue(e.getCause().getMessage().startsWith("1 of 1 events were not published to '" + topic + "'"));
    }

    @Test
    void withTheBrokerStoppedSendsFailWithinThePublishTimeout() throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.startNew();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            String uri = "eventbus:" + topic + "?transport=kafka&publishTimeout=3000&brokers="
                    + broker.bootstrapServers();
            producer.sendBodyAndHeaders(uri, "{\"n\":1}", event());

            broker.stop();
            long start = System.nanoTime();
            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> producer.sendBodyAndHeaders(uri, "{\"n\":2}", event()));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertInstanceOf(TimeoutException.class, e.getCause().getCause(), e.getCause().toString());
            System.out.println(
                    "send to a stopped broker failed after " + tookMillis + " ms: " + e.getCause().getMessage());
        } finally {
            broker.stop();
        }
    }

    @Test
    void theRouteContinuesOnAnEventbusWorkerThreadNotTheKafkaNetworkThread() throws Exception {
        PublishScenarios.assertRouteContinuesOnAWorkerThread(context, template, "eventbus:" + topic);
    }

    @Test
    void aSleepingStepAfterAPublishDelaysNoOtherPublish() throws Exception {
        PublishScenarios.assertASleepingStepDelaysNoOtherPublish(context, template, "eventbus:" + topic);
    }

    @Test
    void aBatchWaitsAtMostThePublishTimeoutInAllWhenTheBrokerIsGone() throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.startNew();
        try (CamelContext camel = new DefaultCamelContext()) {
            String uri = "eventbus:" + topic + "?transport=kafka&publishTimeout=2000&brokers="
                    + broker.bootstrapServers();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to(uri); // starts the producer (and creates the topic) while the broker is up
                }
            });
            camel.start();
            broker.stop();
            PublishScenarios.assertABatchOf5FailsWithinThePublishTimeoutOf2s(camel, uri);
        } finally {
            broker.stop();
        }
    }

    @Test
    void anEventTheBrokerRefusesLeavesNoHoleInItsAggregate() throws Exception {
        // over the topic's max.message.bytes, under the producer's max.request.size: the broker refuses it
        assertNoHoleAfterARefusedEvent(topic + "-broker", PublishScenarios.incompressiblePayload(30_000));
    }

    @Test
    void anEventTheProducerRefusesLeavesNoHoleInItsAggregate() throws Exception {
        // over the producer's max.request.size (1 MiB): send() refuses it at once
        assertNoHoleAfterARefusedEvent(topic + "-client", PublishScenarios.incompressiblePayload(2 * 1024 * 1024));
    }

    private void assertNoHoleAfterARefusedEvent(String small, String tooLarge) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            admin.createTopics(List.of(new NewTopic(small, 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "10000")))).all().get(30, TimeUnit.SECONDS);
        }
        String uri = "eventbus:" + small;
        PublishScenarios.publishWithARefusedMiddleEvent(template, uri, tooLarge);
        template.sendBodyAndHeaders(uri, "{\"marker\":true}", PublishScenarios.event("marker", 1));

        List<String> stored = readUntil(small, "marker").stream()
                .map(r -> r.key() + ":" + headers(r).get("X-Event-Version")).toList();
        assertEquals(List.of("hole-1:1", "marker:1"), stored, "records on the topic");
    }

    @Test
    void camelAndUserHeadersOfTheExchangeNeverReachTheRecord() {
        template.sendBodyAndHeaders("eventbus:" + topic, "{\"n\":1}", PublishScenarios.camelAndUserHeaders());
        ConsumerRecord<String, byte[]> record = readRaw(topic, 1).get(0);
        PublishScenarios.assertOnlyWireHeaders(headers(record).keySet());
    }

    /** Records of a one-partition topic up to and including the first whose key is {@code markerKey}. */
    private static List<ConsumerRecord<String, byte[]>> readUntil(String topic, String markerKey) {
        List<ConsumerRecord<String, byte[]>> all = readRaw(topic, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (all.stream().noneMatch(r -> r.key().equals(markerKey)) && System.nanoTime() < deadline) {
            all = readRaw(topic, all.size() + 1);
        }
        List<ConsumerRecord<String, byte[]>> upTo = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : all) {
            upTo.add(r);
            if (r.key().equals(markerKey)) {
                break;
            }
        }
        return upTo;
    }

    private static Map<String, Object> event() {
        return Map.of(EventBusConstants.AGGREGATE_ID, "a-1", EventBusConstants.EVENT_TYPE, "T",
                EventBusConstants.EVENT_VERSION, 1L);
    }
}
