package dev.eventbus.camel;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two checks of the secured-broker ITs, each on a fresh, not yet started context that it closes. */
final class SecuredBrokerChecks {

    /** How fast a start with wrong security settings must fail. */
    static final long START_FAILURE_BOUND_MILLIS = 10_000;

    private SecuredBrokerChecks() {
    }

    /** A consumer route on {@code uri} (group {@code secured}) receives what a producer sent to {@code uri}. */
    static void roundTrip(CamelContext context, String uri) throws Exception {
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri + "&groupId=secured").routeId("consumer").to("mock:out");
                }
            });
            context.start();
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedBodiesReceived("{\"n\":1}");
            context.createProducerTemplate().sendBodyAndHeaders(uri, "{\"n\":1}",
                    EventBusTestSupport.event("order-1", "OrderPlaced", 1));
            out.assertIsSatisfied(20_000);
        } finally {
            context.close();
        }
    }

    /** Starting a route that publishes to {@code uri} fails within the bound, with {@code expected} in a message. */
    static void assertStartFails(CamelContext context, String uri, String expected) throws Exception {
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(uri);
                }
            });
            long begin = System.nanoTime();
            Exception e = assertThrows(Exception.class, context::start);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            String messages = messages(e);
            System.out.println("start failed after " + millis + " ms: " + messages);
            assertTrue(messages.contains(expected), "expected '" + expected + "' in: " + messages);
            assertTrue(millis < START_FAILURE_BOUND_MILLIS, "the start took " + millis + " ms to fail: " + messages);
        } finally {
            context.close();
        }
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
