package dev.eventbus.camel.springboot;

import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.testsupport.Events;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MeterRegistry Spring Boot's actuator auto-configures (spring-boot-actuator-autoconfigure and micrometer-core on
 * the classpath, no bean of the application) is found without any property: the consumer's and producer's meters are
 * registered in it.
 */
@CamelSpringBootTest
@SpringBootTest(classes = MeterRegistryTest.MetersApplication.class)
class MeterRegistryTest {

    @Autowired
    private CamelContext context;
    @Autowired
    private MeterRegistry registry;

    @Test
    void springBootsRegistryReceivesTheMeters() {
        assertTrue(registry instanceof SimpleMeterRegistry, registry.getClass().getName());
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("metered").whenDone(1).create();
        ProducerTemplate template = context.createProducerTemplate();
        template.sendBodyAndHeaders("eventbus:metered", "{}", Events.headers("m-1", "Metered", 1));
        assertTrue(done.matches(10, TimeUnit.SECONDS));
        await().untilAsserted(() -> {
            FunctionCounter processed = registry.find("eventbus.consumer.events")
                    .tags("route", "metered", "outcome", "processed").functionCounter();
            assertEquals(1, processed == null ? -1 : processed.count());
        });
        assertEquals(1, registry.get("eventbus.producer.publish").tags("topic", "metered", "outcome", "success")
                .timer().count());
    }

    /** Auto-configuration without component scan, so the other test applications of the package stay out. */
    @Configuration
    @EnableAutoConfiguration
    static class MetersApplication {

        @Bean
        RouteBuilder meteredRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("eventbus:metered").routeId("metered").log("${body}");
                }
            };
        }
    }
}
