package dev.eventbus.camel;

import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.test.nats.NatsTestServer;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health checks on a real nats-server of the test's own: consumer readiness and the producer's connection check
 * go DOWN while the server is stopped and UP when it is back; a refusing dead-letter destination (its stream deleted)
 * makes readiness DOWN until the stream is back and the event landed.
 */
class NatsHealthIT extends NatsTestSupport {

    private static final NatsTestServer SERVER = NatsTestServer.startNew();

    private final String stuck = topic + "s";
    private HealthProbe health;

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Override
    protected String serverUrl() {
        return SERVER.serverUrl();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        health = HealthProbe.install(camel);
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=billing")).routeId("billing").to("mock:billing");
                from(nats(stuck, "groupId=stuck&maxDeliveries=1&redeliveryDelay=20&maxRedeliveryDelay=200"
                        + "&publishTimeout=1000")).routeId("stuck")
                        .throwException(new IllegalStateException("refused"));
            }
        };
    }

    @Test
    void consumerAndProducerAreDownWhileTheServerIsStoppedAndUpWhenItIsBack() {
        template.sendBodyAndHeaders(nats(""), "{}", event("order-1", "OrderPlaced", 1));
        String producer = health.producerCheck();
        assertNotNull(producer, "the producer's shared connection has a check");
        await().atMost(30, TimeUnit.SECONDS).until(() -> health.state("consumer:billing") == HealthCheck.State.UP
                && health.state(producer) == HealthCheck.State.UP);
        HealthCheck.Result up = health.call("consumer:billing").orElseThrow();
        assertEquals("nats", up.getDetails().get("transport"));
        assertEquals("billing", up.getDetails().get("group"));

        SERVER.stop();
        long begin = System.nanoTime();
        HealthCheck.Result down;
        try {
            await().atMost(60, TimeUnit.SECONDS).until(() -> health.state("consumer:billing") == HealthCheck.State.DOWN
                    && health.state(producer) == HealthCheck.State.DOWN);
            // taken while the server is still down: once it is back the check may be UP again
            down = health.call(producer).orElseThrow();
        } finally {
            SERVER.start();
        }
        long downAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        assertTrue(down.getMessage().orElseThrow().contains("no connection"), down.getMessage().orElseThrow());
        begin = System.nanoTime();
        await().atMost(60, TimeUnit.SECONDS).until(() -> health.state("consumer:billing") == HealthCheck.State.UP
                && health.state(producer) == HealthCheck.State.UP);
        System.out.println("consumer and producer DOWN " + downAfter + " ms after the stop; both UP "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms after the start");
    }

    @Test
    void theDetailsNameTheServersWithoutCredentials() {
        String withPassword = SERVER.serverUrl().replace("nats://", "nats://app:s3cret-pw@");
        template.sendBodyAndHeaders("eventbus:" + topic + "?transport=nats&servers=" + withPassword, "{}",
                event("order-2", "OrderPlaced", 1));
        String producer = health.producerCheck();
        await().atMost(30, TimeUnit.SECONDS).until(() -> health.state(producer) == HealthCheck.State.UP);
        HealthCheck.Result up = health.call(producer).orElseThrow();
        String servers = String.valueOf(up.getDetails().get("servers"));
        assertTrue(servers.contains("127.0.0.1") && !servers.contains("s3cret-pw"), servers);
        assertTrue(health.call("consumer:billing").orElseThrow().getDetails().values().stream()
                .noneMatch(v -> String.valueOf(v).contains("s3cret-pw")));
    }

    @Test
    void aRefusingDeadLetterDestinationMakesReadinessDownUntilTheEventLanded() throws Exception {
        String stream = stuck.toUpperCase() + "_DLQ";
        jsm().deleteStream(stream);
        template.sendBodyAndHeaders(nats(stuck, ""), "{}", event("s-1", "Paid", 1));
        await().atMost(30, TimeUnit.SECONDS).until(() -> health.state("consumer:stuck") == HealthCheck.State.DOWN);
        HealthCheck.Result down = health.call("consumer:stuck").orElseThrow();
        assertEquals(1, down.getDetails().get("dead.letter.stuck"));
        assertTrue(down.getMessage().orElseThrow().contains("dead-letter destination"),
                down.getMessage().orElseThrow());

        jsm().addStream(StreamConfiguration.builder().name(stream).subjects(stuck + ".dlq")
                .storageType(StorageType.File).build());
        await().atMost(30, TimeUnit.SECONDS).until(() -> health.state("consumer:stuck") == HealthCheck.State.UP);
    }
}
