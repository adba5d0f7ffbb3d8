package dev.eventbus.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.eventbus.camel.test.kafka.KafkaTestBroker;

/**
 * Starts a local Kafka 3.9.1 KRaft broker for the quick start when no Kafka (and no Docker) is at hand: the broker the
 * tests use, from Maven Central jars, with fresh storage, on a free port. It prints the address to pass to the demo and
 * runs until this process ends (Ctrl-C); the broker process ends with it.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        locateBrokerClasspath();
        System.out.println("starting a Kafka 3.9.1 KRaft broker (first start takes a few seconds)...");
        KafkaTestBroker broker = KafkaTestBroker.startNew();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "local-kafka-stop"));
        System.out.printf("Kafka ready at %s (Ctrl-C stops it). In another terminal:%n"
                          + "  mvn -B -q -pl examples exec:java -Dexec.args=\"--transport=kafka --brokers=%s\"%n",
                broker.bootstrapServers(), broker.bootstrapServers());
        stopped.await();
    }

    /** Run from the repository root (or examples/): find the classpath file that module kafka-test-broker wrote. */
    public static void locateBrokerClasspath() throws IOException {
        if (System.getProperty(KafkaTestBroker.CLASSPATH_FILE_PROPERTY) != null) {
            return;
        }
        for (String candidate : List.of("kafka-test-broker/target/kafka-broker.classpath",
                "../kafka-test-broker/target/kafka-broker.classpath")) {
            Path file = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(file)) {
                System.setProperty(KafkaTestBroker.CLASSPATH_FILE_PROPERTY, file.toString());
                return;
            }
        }
        // else the test kit resolves it from Maven coordinates (local repository, then Maven Central)
    }
}
