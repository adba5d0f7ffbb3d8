package dev.eventbus.camel;

import java.util.Map;
import java.util.concurrent.ExecutorService;

import dev.eventbus.camel.test.nats.NatsTestServer;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishes that NATS did not acknowledge fail the exchange with the cause; nothing is reported as sent. */
class NatsProducerIT extends NatsTestSupport {

    private static final NatsTestServer SERVER = NatsTestServer.startNew();

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Override
    protected String serverUrl() {
        return SERVER.serverUrl();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // producer tests only
            }
        };
    }

    @Test
    void withTheServerStoppedAPublishFailsWithinThePublishTimeout() throws Exception {
        String producer = nats("publishTimeout=2000");
        template.sendBodyAndHeaders(producer, "{\"n\":1}", event(1));
        assertEquals(1, streamMessages(topic.toUpperCase()));

        SERVER.stop();
        try {
            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> template.sendBodyAndHeaders(producer, "{\"n\":2}", event(2)));
            assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause().getCause(),
                    e.getCause().toString());
            assertTrue(e.getCause().getMessage().startsWith("1 of 1 events were not published to '" + topic + "'"),
                    e.getCause().getMessage());
        } finally {
            SERVER.start();
        }
    }

    @Test
    void aMessageTheServerRefusesFailsTheExchangeWithTheCause() {
        String payload = "{\"blob\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBodyAndHeaders(nats(""), payload, event(1)));
        assertTrue(e.getCause().getMessage().startsWith("1 of 1 events were not published to '" + topic + "'"),
                e.getCause().getMessage());
    }

    @Test
    void theRouteContinuesOnAnEventbusWorkerThreadNotAJnatsThread() throws Exception {
        PublishScenarios.assertRouteContinuesOnAWorkerThread(context, template, nats(""));
    }

    @Test
    void theRouteContinuesOnTheWorkerPoolOfTheEndpoint() throws Exception {
        ExecutorService pool = context.getExecutorServiceManager().newFixedThreadPool(this, "my-workers", 2);
        context.getRegistry().bind("myWorkers", pool);
        try {
            PublishScenarios.assertRouteContinuesOn(context, template, nats("workerPool=#myWorkers"), "my-workers");
        } finally {
            context.getExecutorServiceManager().shutdown(pool);
        }
    }

    @Test
    void aSleepingStepAfterAPublishDelaysNoOtherPublish() throws Exception {
        PublishScenarios.assertASleepingStepDelaysNoOtherPublish(context, template, nats(""));
    }

    @Test
    void aBatchWaitsAtMostThePublishTimeoutInAllWhenTheServerIsGone() throws Exception {
        String producer = nats("publishTimeout=2000");
        template.sendBodyAndHeaders(producer, "{\"n\":0}", event(1));
        SERVER.stop();
        try {
            PublishScenarios.assertABatchOf5FailsWithinThePublishTimeoutOf2s(context, producer);
        } finally {
            SERVER.start();
        }
    }

    @Test
    void anEventTheServerRefusesLeavesNoHoleInItsAggregate() throws Exception {
        jsm().addStream(StreamConfiguration.builder().name(topic.toUpperCase()).subjects(topic)
                .storageType(StorageType.File).maxMsgSize(10_000).build());
        PublishScenarios.publishWithARefusedMiddleEvent(template, nats(""),
                PublishScenarios.incompressiblePayload(20_000));
        assertEquals(1, streamMessages(topic.toUpperCase()), "messages stored: only the first event of the aggregate");
        assertEquals("1", stored(topic.toUpperCase(), 1).getHeaders().getFirst("X-Event-Version"));
    }

    @Test
    void camelAndUserHeadersOfTheExchangeNeverReachTheMessage() throws Exception {
        template.sendBodyAndHeaders(nats(""), "{\"n\":1}", PublishScenarios.camelAndUserHeaders());
        PublishScenarios.assertOnlyWireHeaders(stored(topic.toUpperCase(), 1).getHeaders().keySet(), "Nats-Msg-Id");
    }

    private static Map<String, Object> event(long version) {
        return Map.of(EventBusConstants.AGGREGATE_ID, "a-1", EventBusConstants.EVENT_TYPE, "T",
                EventBusConstants.EVENT_VERSION, version);
    }
}
