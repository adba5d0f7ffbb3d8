package dev.eventbus.camel.test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.test.envelope.TestEnvelopes;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idle wait on the memory transport (the in-JVM test binder): not idle while an event is in process. */
class ConsumerIdleTest extends CamelTestSupport {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:idle-test?transport=memory").routeId("slow").process(e -> {
                    entered.countDown();
                    release.await(10, TimeUnit.SECONDS);
                });
            }
        };
    }

    @Test
    void notIdleWhileAnEventIsInProcessThenIdle() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("slow").whenCompleted(1).create();
        template.sendBody("eventbus:idle-test?transport=memory", TestEnvelopes.event("order-1", 1));
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        assertFalse(ConsumerIdle.isIdle(context, "slow"));
        assertThrows(AssertionError.class, () -> ConsumerIdle.await(context, "slow", Duration.ofMillis(100)));

        release.countDown();
        ConsumerIdle.await(context, "slow", Duration.ofSeconds(10));
        assertTrue(done.matches(0, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> ConsumerIdle.await(context, "nope", Duration.ofSeconds(1)));
    }
}
