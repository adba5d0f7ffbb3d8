package dev.eventbus.camel;

import java.util.Map;

import dev.eventbus.camel.testsupport.KafkaTestBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
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
            String uri = "eventbus:" + topic + "?transport=kafka&publishTimeout=3000&brokers=" + broker.bootstrapServers();
            producer.sendBodyAndHeaders(uri, "{\"n\":1}", event());

            broker.stop();
            long start = System.nanoTime();
            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> producer.sendBodyAndHeaders(uri, "{\"n\":2}", event()));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertInstanceOf(TimeoutException.class, e.getCause().getCause(), e.getCause().toString());
            System.out.println("send to a stopped broker failed after " + tookMillis + " ms: " + e.getCause().getMessage());
        } finally {
            broker.stop();
        }
    }

    private static Map<String, Object> event() {
        return Map.of(EventBusConstants.AGGREGATE_ID, "a-1", EventBusConstants.EVENT_TYPE, "T",
                EventBusConstants.EVENT_VERSION, 1L);
    }
}
