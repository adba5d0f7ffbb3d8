package dev.eventbus.camel;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A consumer in its own JVM, for the crash tests: consumes an {@code eventbus:} endpoint URI and appends
 * {@code <aggregateId> <version>} of every processed event to a file (written through to the OS, so a kill loses
 * nothing already written), then waits to be killed. Arguments: endpointUri file [delay per event in ms, default 1].
 */
public final class ConsumerProcess {

    private ConsumerProcess() {
    }

    /** Forks a JVM consuming {@code endpointUri} into {@code processedFile}; its output goes to {@code log}. */
    static Process start(String endpointUri, Path processedFile, Path log) throws IOException {
        return start(endpointUri, processedFile, log, 1);
    }

    /** As {@link #start(String, Path, Path)}, the route taking {@code delayMillis} per event. */
    static Process start(String endpointUri, Path processedFile, Path log, long delayMillis) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConsumerProcess.class.getName(),
                endpointUri, processedFile.toString(), String.valueOf(delayMillis))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    public static void main(String[] args) throws Exception {
        String endpointUri = args[0];
        long delay = args.length > 2 ? Long.parseLong(args[2]) : 1;
        try (OutputStream out = new FileOutputStream(args[1], true); CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(endpointUri)
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
