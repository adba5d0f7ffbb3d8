package dev.eventbus.routes;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the Java DSL audit route next to the YAML routes, each with its own subscription group. */
class OrderAuditRoutesTest extends CamelTestSupport {

    private final OrderAudit audit = new OrderAudit();

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("orderAudit", audit);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new OrderAuditRoutes();
    }

    @Test
    void everyEventIsAuditedByType() throws Exception {
        context.getCamelContextExtension().getContextPlugin(org.apache.camel.spi.RoutesLoader.class).loadRoutes(
                org.apache.camel.support.ResourceHelper.resolveMandatoryResource(context,
                        "classpath:camel/order-events.yaml"));
        for (int v = 1; v <= 30; v++) {
            template.sendBodyAndHeaders("direct:publish-order-events", "{\"v\":" + v + "}",
                    Map.of(EventBusConstants.AGGREGATE_ID, "order-" + (v % 3), EventBusConstants.EVENT_TYPE,
                            v <= 3 ? "OrderPlaced" : "LineAdded", EventBusConstants.EVENT_VERSION, (long) (v + 2) / 3));
        }
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> audit.counts().values().stream().mapToLong(Long::longValue).sum() == 30);
        assertEquals(Map.of("LineAdded", 27L, "OrderPlaced", 3L), audit.counts());
        OrderProjection projection = context.getRegistry().lookupByNameAndType("orderProjection",
                OrderProjection.class);
        await().atMost(10, TimeUnit.SECONDS).until(() -> projection.applied() == 30);
        assertEquals(0, projection.outOfOrder());
    }
}
