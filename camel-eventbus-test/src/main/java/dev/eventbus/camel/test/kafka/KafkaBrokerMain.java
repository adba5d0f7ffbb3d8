package dev.eventbus.camel.test.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Main class of the broker JVM that {@link KafkaTestBroker} forks: formats the KRaft storage, then runs
 * {@code kafka.Kafka} with the given {@code server.properties}.
 *
 * <p>It halts the JVM as soon as its standard input reaches end-of-file, i.e. when the test JVM that owns the pipe
 * exits or dies (even by SIGKILL), so a broker never outlives its tests.
 *
 * <p>Uses only the JDK and calls Kafka reflectively: this class is compiled with the test classpath, which has no
 * broker classes, and runs with the broker's own classpath.
 *
 * <p>Arguments: {@code <server.properties> <cluster id> [format options...]}, e.g. {@code --add-scram
 * SCRAM-SHA-512=[name=admin,password=secret]} to create SCRAM credentials at format time (KRaft has no ZooKeeper to
 * hold them before the broker runs).
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(KafkaBrokerMain::haltAtEndOfInput, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        String config = args[0];
        String clusterId = args[1];
        // kafka-storage.sh format; execute() returns the exit code instead of calling System.exit like main() does
        List<String> format = new ArrayList<>(List.of("format", "--config", config, "--cluster-id", clusterId,
                "--ignore-formatted"));
        format.addAll(Arrays.asList(args).subList(2, args.length));
        Object formatted = Class.forName("kafka.tools.StorageTool")
                .getMethod("execute", String[].class, PrintStream.class)
                .invoke(null, format.toArray(new String[0]), System.out);
        if (!Integer.valueOf(0).equals(formatted)) {
            System.err.println("kafka storage format failed with exit code " + formatted);
            Runtime.getRuntime().halt(2);
        }
        // kafka-server-start.sh: blocks until the broker shuts down
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[]{config});
    }

    private static void haltAtEndOfInput() {
        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // the parent never writes; any input is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone as well
        }
        // the data is throwaway: no graceful shutdown, which would only cost time
        Runtime.getRuntime().halt(0);
    }
}
