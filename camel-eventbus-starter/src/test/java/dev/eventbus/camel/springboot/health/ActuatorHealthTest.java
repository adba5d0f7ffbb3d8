package dev.eventbus.camel.springboot.health;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With the starter and Spring Boot's actuator, the eventbus health checks show up in {@code /actuator/health} (its
 * {@link HealthEndpoint}, what the HTTP endpoint serves) through camel-spring-boot's Camel health indicator, with no
 * code of the application: the consumer's readiness (route check {@code consumer:<routeId>}) and the stuck-event
 * liveness check, which turns the health DOWN while a route blocks past stuckEventTimeout.
 */
@CamelSpringBootTest
@SpringBootTest(classes = HealthTestApplication.class, properties = {
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.show-components=always",
        // Camel's default exposure lists the context check and the checks that are DOWN; full lists every check
        "camel.health.exposure-level=full",
        "camel.component.eventbus.stuck-event-timeout=500"})
class ActuatorHealthTest {

    @Autowired
    private HealthEndpoint health;
    @Autowired
    private ProducerTemplate template;

    @AfterEach
    void release() {
        HealthTestApplication.RELEASE.countDown();
    }

    @Test
    void theEventbusChecksAreInActuatorHealth() {
        Map<String, Object> camel = camelDetails();
        assertEquals("UP", camel.get("consumer:billing"), camel.toString());
        assertEquals("UP", camel.get("eventbus-stuck:billing"), camel.toString());
        Map<?, ?> consumer = (Map<?, ?>) camel.get("consumer:billing.data");
        assertEquals("consumer:eventbus-billing", consumer.get("check.id"), "answered by the eventbus check");
        assertEquals("memory", consumer.get("transport"));
        assertEquals("health-invoices", consumer.get("topic"));

        template.sendBodyAndHeaders("eventbus:health-invoices", "{\"block\":true}",
                Map.of(EventBusConstants.AGGREGATE_ID, "invoice-7", EventBusConstants.EVENT_TYPE, "InvoiceIssued",
                        EventBusConstants.EVENT_VERSION, 1L));
        await().atMost(20, TimeUnit.SECONDS).until(() -> "DOWN".equals(camelDetails().get("eventbus-stuck:billing")));
        assertEquals(Status.DOWN, health.health().getStatus());
        Map<?, ?> stuck = (Map<?, ?>) camelDetails().get("eventbus-stuck:billing.data");
        assertEquals("invoice-7", stuck.get("aggregate.id"));

        HealthTestApplication.RELEASE.countDown();
        await().atMost(20, TimeUnit.SECONDS).until(() -> "UP".equals(camelDetails().get("eventbus-stuck:billing")));
    }

    private Map<String, Object> camelDetails() {
        HealthComponent camel = ((CompositeHealth) health.health()).getComponents().get("camelHealth");
        return ((Health) camel).getDetails();
    }
}
