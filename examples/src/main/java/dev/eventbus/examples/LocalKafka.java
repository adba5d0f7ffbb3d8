package dev.eventbus.examples;

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
}
