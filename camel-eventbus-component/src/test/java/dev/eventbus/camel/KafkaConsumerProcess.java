package dev.eventbus.camel;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A consumer in its own JVM, for the crash test: consumes {@code topic} with group {@code group} and appends
 * {@code <aggregateId> <version>} of every processed event to {@code file} (written through to the OS, so a kill
 * loses nothing already written), then waits to be killed.
 * Arguments: brokers topic group file [extra endpoint options [delay per event in ms, default 1]].
 */
public final class KafkaConsumerProcess {

    private KafkaConsumerProcess() {
    }

    public static void main(String[] args) throws Exception {
        String brokers = args[0];
        String topic = args[1];
        String group = args[2];
        String extra = args.length > 4 && !args[4].isEmpty() ? "&" + args[4] : "";
        long delay = args.length > 5 ? Long.parseLong(args[5]) : 1;
        try (OutputStream out = new FileOutputStream(args[3], true); CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eventbus:" + topic + "?transport=kafka&brokers=" + brokers + "&groupId=" + group
                         + "&concurrency=8&maxInFlight=400" + extra)
                            .delay(delay)
                            .process(e -> {
                                String line = e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID) + " "
                                              + e.getMessage().getHeader(EventBusConstants.EVENT_VERSION) + "\n";
                                synchronized (out) {
                                    out.write(line.getBytes(StandardCharsets.UTF_8));
                                }
                            });
                }
            });
            camel.start();
            new java.util.concurrent.CountDownLatch(1).await(); // until the test kills this JVM
        }
    }
}
