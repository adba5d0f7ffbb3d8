package dev.eventbus.camel;

import java.util.concurrent.TimeUnit;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer and a producer work without a MeterRegistry. The surefire execution {@code without-micrometer} runs this
 * test with micrometer-core removed from the classpath (system property {@code eventbus.test.withoutMicrometer}): had
 * the consumer or producer loaded a class of {@code dev.eventbus.camel.metrics}, it would fail with
 * NoClassDefFoundError.
 */
class WithoutMicrometerTest extends EventBusTestSupport {

    private static final boolean WITHOUT = Boolean.getBoolean("eventbus.test.withoutMicrometer");

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:plain?maxDeliveries=2&redeliveryDelay=10").routeId("plain")
                        .process(e -> {
                            if (e.getMessage().getBody(String.class).contains("fails")) {
                                throw new IllegalStateException("refused");
                            }
                        });
            }
        };
    }

    @Test
    void consumesPublishesRedeliversAndDeadLettersWithoutMeters() throws Exception {
        if (WITHOUT) {
            assertThrows(ClassNotFoundException.class,
                    () -> Class.forName("io.micrometer.core.instrument.MeterRegistry"));
            assertFalse(Meters.available());
        } else {
            assertTrue(Meters.available());
        }
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("plain").whenDone(4).create();
        template.sendBodyAndHeaders("eventbus:plain", "{}", event("p-1", "Opened", 1));
        template.sendBodyAndHeaders("eventbus:plain", "{}", event("p-1", "Opened", 2));
        template.sendBodyAndHeaders("eventbus:plain", "{\"fails\":true}", event("p-2", "Opened", 1));
        assertTrue(done.matches(10, TimeUnit.SECONDS));
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("plain").getConsumer();
        org.awaitility.Awaitility.await().until(() -> consumer.getStats().deadLettered() == 1);
        assertEquals(2, consumer.getStats().processed());
        context.getRouteController().stopRoute("plain");
        context.getRouteController().startRoute("plain");
    }
}
