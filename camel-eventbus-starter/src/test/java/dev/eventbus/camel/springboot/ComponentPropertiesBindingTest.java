package dev.eventbus.camel.springboot;

import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventbus.camel.DeliverMode;
import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.EventBusConsumer;
import dev.eventbus.camel.TransportType;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code camel.component.eventbus.*} from Spring Boot properties reaches the component and the endpoints of running
 * consumers; an option in an endpoint URI still wins; {@code #bean:} references resolve to Spring beans.
 */
@CamelSpringBootTest
@SpringBootTest(classes = BindingTestApplication.class, properties = {
        "camel.component.eventbus.concurrency=3",
        "camel.component.eventbus.max-in-flight=77",
        "camel.component.eventbus.deliver=envelope",
        "camel.component.eventbus.start-timeout=4321",
        "camel.component.eventbus.redelivery-backoff-multiplier=1.5",
        "camel.component.eventbus.replication-factor=3",
        "camel.component.eventbus.payload-type=java.util.Map",
        "camel.component.eventbus.additional-properties[max.poll.interval.ms]=60000",
        "camel.component.eventbus.worker-pool-max-size=7",
        "camel.component.eventbus.object-mapper=#bean:eventsMapper",
        "camel.component.eventbus.ssl-context-parameters=#bean:natsTls",
        "camel.component.eventbus.worker-pool=#eventsWorkers"})
class ComponentPropertiesBindingTest {

    @Autowired
    private CamelContext context;
    @Autowired
    private ObjectMapper eventsMapper;
    @Autowired
    private SSLContextParameters natsTls;
    @Autowired
    private ExecutorService eventsWorkers;
    @Autowired
    private HeaderFilterStrategy strictHeaders;

    @Test
    void componentOptionsReachTheRunningConsumer() {
        EventBusConfiguration live = liveConfiguration(BindingTestApplication.DEFAULTS_ROUTE);
        assertEquals(TransportType.memory, live.getTransport());
        assertEquals(3, live.getConcurrency());
        assertEquals(77, live.getMaxInFlight());
        assertEquals(DeliverMode.envelope, live.getDeliver());
        assertEquals(4321, live.getStartTimeout());
        assertEquals(1.5, live.getRedeliveryBackoffMultiplier());
        assertEquals((short) 3, live.getReplicationFactor());
        assertEquals(java.util.Map.class, live.getPayloadType());
        assertEquals("60000", String.valueOf(live.getAdditionalProperties().get("max.poll.interval.ms")));
        assertEquals("invoices", live.getTopic());
        assertEquals("billing", live.getGroupId());
    }

    @Test
    void anEndpointOptionWinsOverTheComponentProperty() {
        EventBusConfiguration live = liveConfiguration(BindingTestApplication.OVERRIDE_ROUTE);
        assertEquals(55, live.getMaxInFlight());
        assertEquals(3, live.getConcurrency());
    }

    @Test
    void beanReferencesResolveToSpringBeans() {
        EventBusComponent component = context.getComponent("eventbus", EventBusComponent.class);
        assertSame(eventsMapper, component.getObjectMapper());
        assertEquals(7, component.getWorkerPoolMaxSize());
        EventBusConfiguration live = liveConfiguration(BindingTestApplication.DEFAULTS_ROUTE);
        assertSame(natsTls, live.getSslContextParameters());
        assertSame(eventsWorkers, live.getWorkerPool());
        // headerFilterStrategy is an endpoint option (no component option, so no property): the URI names the bean
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute(BindingTestApplication.OVERRIDE_ROUTE)
                .getConsumer();
        assertSame(strictHeaders, consumer.getEndpoint().getHeaderFilterStrategy());
    }

    private EventBusConfiguration liveConfiguration(String routeId) {
        assertTrue(context.getRouteController().getRouteStatus(routeId).isStarted(), routeId + " runs");
        EventBusConsumer consumer = assertInstanceOf(EventBusConsumer.class, context.getRoute(routeId).getConsumer());
        return consumer.getEndpoint().getConfiguration();
    }
}
