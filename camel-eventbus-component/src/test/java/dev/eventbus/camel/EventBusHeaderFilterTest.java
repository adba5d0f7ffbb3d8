package dev.eventbus.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.transport.OutboundRecord;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Record headers whose names look like Camel's own, in any letter case, never become exchange headers. */
class EventBusHeaderFilterTest extends EventBusTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        context.getRegistry().bind("letEverythingIn", new DefaultHeaderFilterStrategy());
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:headers").routeId("default-filter").to("mock:default-filter");
                // even a strategy that lets everything in cannot let Camel-internal names in
                from("eventbus:headers2?headerFilterStrategy=#letEverythingIn").routeId("lenient").to("mock:lenient");
            }
        };
    }

    @Test
    void camelLookalikesInAnyLetterCaseAreDroppedAndOtherForeignHeadersPass() throws Exception {
        assertFiltered("headers", "mock:default-filter");
    }

    @Test
    void aLenientStrategyCannotLetCamelInternalNamesIn() throws Exception {
        assertFiltered("headers2", "mock:lenient");
    }

    private void assertFiltered(String topic, String mockUri) throws Exception {
        MockEndpoint mock = getMockEndpoint(mockUri);
        mock.expectedMessageCount(1);
        Map<String, String> headers = new HashMap<>(HeaderSpoofing.CAMEL_LOOKALIKES);
        headers.put("X-Source", "billing-go");
        byte[] value = new EnvelopeCodec().encode(Envelope.builder().aggregateId("h-1").eventType("T").eventVersion(1)
                .payload("{}").build());
        eventbus("eventbus:" + topic).transport().publisher()
                .publish(List.of(new OutboundRecord(topic, "h-1", value, headers))).join();
        mock.assertIsSatisfied(10_000);
        HeaderSpoofing.assertNoCamelLookalike(mock.getReceivedExchanges().get(0).getMessage());
        assertEquals("billing-go", mock.getReceivedExchanges().get(0).getMessage().getHeader("X-Source"));
        assertEquals("h-1", mock.getReceivedExchanges().get(0).getMessage().getHeader(EventBusConstants.AGGREGATE_ID));
    }
}
