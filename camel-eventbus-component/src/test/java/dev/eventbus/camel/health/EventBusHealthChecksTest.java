package dev.eventbus.camel.health;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.EventBusTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks as Camel's health-check registry shows them, on the memory transport: the consumer's readiness check
 * behind the route's {@code consumer:<routeId>}, the stuck-event liveness check going DOWN while a route blocks longer
 * than stuckEventTimeout and UP again once it is released, and gone when the route stops.
 */
class EventBusHealthChecksTest extends EventBusTestSupport {

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheRoute() {
        release.countDown();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getComponent("eventbus", EventBusComponent.class).setHealthCheckConsumerEnabled(true);
        // what camel-main and camel-spring-boot do: the routes' consumer checks
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        registry.register(registry.resolveById("consumers"));
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:health-orders?stuckEventTimeout=300&concurrency=2").routeId("billing")
                        .process(e -> release.await(30, TimeUnit.SECONDS));
            }
        };
    }

    @Test
    void theConsumerReadinessCheckAnswersForTheRoute() {
        HealthCheck.Result result = HealthCheckRegistry.get(context).getCheck("consumer:billing").orElseThrow().call();
        assertEquals(HealthCheck.State.UP, result.getState());
        assertEquals("memory", result.getDetails().get("transport"));
        assertEquals("health-orders", result.getDetails().get("topic"));
        assertEquals("default", result.getDetails().get("group"));
        assertEquals("consumer:eventbus-billing", result.getDetails().get(HealthCheck.CHECK_ID), "our check answered");
        assertFalse(HealthCheckRegistry.get(context).getCheck("consumer:billing").orElseThrow().isLiveness(),
                "readiness only: a broker outage never fails liveness (documented)");
    }

    @Test
    void aRouteBlockedLongerThanStuckEventTimeoutMakesLivenessDownUntilItIsReleased() throws Exception {
        assertEquals(HealthCheck.State.UP, liveness().getState());
        template.sendBodyAndHeaders("eventbus:health-orders", "{}", event("order-42", "OrderPlaced", 1));
        await().atMost(10, TimeUnit.SECONDS).until(() -> liveness().getState() == HealthCheck.State.DOWN);
        HealthCheck.Result down = liveness();
        assertEquals("order-42", down.getDetails().get("aggregate.id"));
        assertEquals(0L, down.getDetails().get("offset"));
        assertEquals(1, down.getDetails().get("delivery.count"));
        assertTrue(HealthCheckHelper.invokeReadiness(context).stream()
                .noneMatch(r -> r.getCheck().getId().equals("eventbus-stuck:billing")), "liveness only");

        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(() -> liveness().getState() == HealthCheck.State.UP);

        context.getRouteController().stopRoute("billing");
        assertFalse(result("eventbus-stuck:billing").isPresent(), "unregistered when the consumer stops");
    }

    private HealthCheck.Result liveness() {
        return HealthCheckHelper.invokeLiveness(context).stream()
                .filter(r -> r.getCheck().getId().equals("eventbus-stuck:billing")).findFirst().orElseThrow();
    }

    private Optional<HealthCheck.Result> result(String id) {
        return HealthCheckHelper.invoke(context).stream().filter(r -> r.getCheck().getId().equals(id)).findFirst();
    }
}
