package dev.eventbus.camel;

import java.time.Duration;
import java.util.Map;

import dev.eventbus.camel.test.kafka.KafkaTestBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.SupervisingRouteController;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * An endpoint whose start fails (here: its topic is missing and may not be created) fails fast; with Camel's
 * supervising route controller ({@code camel.routecontroller.enabled=true}) the context starts anyway and the route
 * starts once its start succeeds.
 */
class KafkaSupervisedStartIT extends KafkaITSupport {

    @Test
    void theSupervisingRouteControllerStartsTheRouteOnceItsStartSucceeds() throws Exception {
        String missing = topic + "-later";
        try (CamelContext camel = new DefaultCamelContext()) {
            configure(camel);
            SupervisingRouteController supervising = camel.getRouteController().supervising();
            supervising.setBackOffDelay(500);
            supervising.setInitialDelay(100);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eventbus:" + missing + "?groupId=g&autoCreateTopics=false&startTimeout=2000").routeId("later")
                            .to("mock:got");
                }
            });
            camel.start(); // does not fail: the route's start is retried in the background
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> !camel.getRouteController().getRouteStatus("later").isStarted());
            assertFalse(camel.getRouteController().getRouteStatus("later").isStarted());

            KafkaTestBroker.shared().createTopic(missing, 2);
            KafkaTestBroker.shared().createTopic(missing + ".dlq", 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> camel.getRouteController().getRouteStatus("later").isStarted());
            MockEndpoint mock = camel.getEndpoint("mock:got", MockEndpoint.class);
            mock.expectedMessageCount(1);
            camel.createProducerTemplate().sendBodyAndHeaders("eventbus:" + missing + "?autoCreateTopics=false", "{}",
                    Map.of(EventBusConstants.AGGREGATE_ID, "a", EventBusConstants.EVENT_TYPE, "T",
                            EventBusConstants.EVENT_VERSION, 1L));
            mock.assertIsSatisfied(20_000);
        }
    }
}
