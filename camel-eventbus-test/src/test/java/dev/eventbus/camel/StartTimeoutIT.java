package dev.eventbus.camel;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker that does not answer fails the start within {@code startTimeout} (plus a margin), with a message that
 * names the brokers (credentials in NATS URLs masked), the real bound and the option.
 */
class StartTimeoutIT {

    private static final long START_TIMEOUT = 2000;
    private static final long MARGIN = 2500;

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String failStart(String uri) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("r").to("log:x");
                }
            });
            long start = System.nanoTime();
            Exception e = assertThrows(Exception.class, camel::start);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append(" | ");
            }
            System.out.println("start failed after " + took + " ms: " + messages);
            assertTrue(took < START_TIMEOUT + MARGIN, "start failed only after " + took + " ms: " + messages);
            return messages.toString();
        }
    }

    @Test
    void anUnreachableKafkaBrokerFailsTheStartWithinStartTimeout() throws Exception {
        String brokers = "127.0.0.1:" + closedPort();
        String messages = failStart("eventbus:st-orders?transport=kafka&brokers=" + brokers + "&groupId=g&startTimeout="
                + START_TIMEOUT);
        assertTrue(messages.contains(brokers), messages);
        assertTrue(messages.contains(START_TIMEOUT + " ms") && messages.contains("startTimeout"), messages);
    }

    @Test
    void anUnreachableNatsServerFailsTheStartWithinStartTimeout() throws Exception {
        int port = closedPort();
        String messages = failStart("eventbus:st-orders?transport=nats&servers=nats://alice:s3cret@127.0.0.1:" + port
                + "&groupId=g&startTimeout=" + START_TIMEOUT);
        assertTrue(messages.contains("nats://alice:xxxxxx@127.0.0.1:" + port), messages);
        assertTrue(!messages.contains("s3cret"), messages);
        assertTrue(messages.contains(START_TIMEOUT + " ms") && messages.contains("startTimeout"), messages);
    }

    @Test
    void aNatsServerThatNeverAnswersFailsTheStartWithinStartTimeout() throws Exception {
        // the port accepts connections (the backlog) but nothing ever answers: jnats waits for the server's INFO
        try (ServerSocket silent = new ServerSocket(0, 50)) {
            String servers = "nats://127.0.0.1:" + silent.getLocalPort() + ",nats://127.0.0.1:" + silent.getLocalPort();
            String messages = failStart(
                    "eventbus:st-orders?transport=nats&servers=" + servers + "&groupId=g&startTimeout="
                            + START_TIMEOUT);
            assertTrue(messages.contains(START_TIMEOUT + " ms") && messages.contains("startTimeout"), messages);
        }
    }

    @Test
    void aKafkaBrokerThatNeverAnswersFailsTheStartWithinStartTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50)) {
            String brokers = "127.0.0.1:" + silent.getLocalPort();
            String messages = failStart("eventbus:st-orders?transport=kafka&brokers=" + brokers
                    + "&groupId=g&startTimeout=" + START_TIMEOUT);
            assertTrue(messages.contains(brokers) && messages.contains(START_TIMEOUT + " ms"), messages);
        }
    }
}
