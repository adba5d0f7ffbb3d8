package dev.eventbus.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.EventBusEndpoint;
import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.BeanInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs routes/src/main/resources/camel/order-events.yaml the way camel-main loads it. */
@CamelMainTest(properties = {"camel.component.eventbus.partitions=4", "camel.component.eventbus.maxDeliveries=3",
        "orders.concurrency=8"})
class OrderEventsYamlTest {

    @Produce("direct:publish-order-events")
    ProducerTemplate publish;

    @BeanInject("orderProjection")
    OrderProjection projection;

    @Test
    void theYamlRoutesPublishAndProjectOrderEventsInOrder() {
        List<Envelope> batch = new ArrayList<>();
        for (int version = 1; version <= 20; version++) {
            for (int order = 0; order < 50; order++) {
                String type = version == 1 ? "OrderPlaced" : "LineAdded";
                batch.add(Envelope.builder().aggregateId("order-" + order).eventType(type).eventVersion(version)
                        .payload("{\"line\":" + version + "}").build());
            }
        }
        publish.sendBody(batch);

        await().atMost(20, TimeUnit.SECONDS).until(() -> projection.applied() == 1000);
        assertEquals(50, projection.orders());
        assertEquals(0, projection.outOfOrder());
        assertEquals(0, projection.concurrent());
        assertEquals(20, projection.order("order-7").version());
        assertEquals("LineAdded", projection.order("order-7").lastEventType());
    }

    @Test
    void componentAndPlaceholderPropertiesReachTheEndpoints() {
        EventBusEndpoint consumer = (EventBusEndpoint) publish.getCamelContext().getRoute("project-order-events")
                .getEndpoint();
        assertEquals(4, consumer.getConfiguration().getPartitions());
        assertEquals(3, consumer.getConfiguration().getMaxDeliveries());
        assertEquals(8, consumer.getConfiguration().getConcurrency());
        assertEquals("projection", consumer.getConfiguration().getGroupId());
    }
}
