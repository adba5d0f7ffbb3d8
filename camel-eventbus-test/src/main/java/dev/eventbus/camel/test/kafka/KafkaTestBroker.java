package dev.eventbus.camel.test.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.test.provider.Provider;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka 3.9.1 broker for integration tests: one KRaft node in combined mode
 * ({@code process.roles=broker,controller}) on free loopback ports, in a JVM of its own.
 *
 * <ul>
 *   <li>{@link #shared()}: the one broker per test JVM of {@link KafkaBrokers#shared()}: the external cluster named by
 *       {@value #BOOTSTRAP_SERVERS_ENV} (nothing is started), a container, or a local broker started on first use and
 *       stopped when the JVM exits.</li>
 *   <li>{@link #startNew()}: an additional broker that the test owns and stops ({@link #stop()}, or
 *       try-with-resources), e.g. to see a producer lose its broker, or restarts on its data ({@link #restart()}).
 *       Always forked, whatever the environment.</li>
 * </ul>
 *
 * <p>The broker JVM runs {@link KafkaBrokerMain} with the broker's runtime classpath that {@link KafkaBrokerClasspath}
 * resolves from Maven coordinates ({@code org.apache.kafka:kafka_2.13:3.9.1}), so its Scala and Jackson versions never
 * meet the test classpath. It works in {@code target/kafka-<random>/} of the working directory: {@code server.properties}, {@code broker.log} (all broker output) and
 * {@code data/}, which is deleted when the broker stops. The broker JVM halts when its standard input closes, so it
 * cannot outlive the test JVM even if that one is killed.
 *
 * <p>Topics are auto-created on first use ({@code auto.create.topics.enable=true}) with {@code num.partitions=8};
 * {@link #createTopic(String, int)} creates one explicitly.
 */
public final class KafkaTestBroker implements KafkaBroker, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaTestBroker.class);

    /** Environment variable naming an external cluster that {@link #shared()} uses instead of starting a broker. */
    public static final String BOOTSTRAP_SERVERS_ENV = "EVENTBUS_KAFKA_BOOTSTRAP_SERVERS";
    /** System property overriding the file that holds the broker JVM's classpath. */
    public static final String CLASSPATH_FILE_PROPERTY = KafkaBrokerClasspath.CLASSPATH_FILE_PROPERTY;
    /**
     * System property with the broker JVM's options (space separated). The default starts fast for tests (C1 only,
     * parallel GC); benchmarks use Kafka's own production settings instead ({@link #PRODUCTION_JVM_OPTIONS}).
     */
    public static final String JVM_OPTIONS_PROPERTY = "eventbus.kafka.broker.jvmOptions";
    /** The JVM options of Kafka's own start scripts (kafka-run-class.sh, KAFKA_HEAP_OPTS of kafka-server-start.sh). */
    public static final String PRODUCTION_JVM_OPTIONS = "-Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "
            + "-XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent";
    private static final String TEST_JVM_OPTIONS = "-Xms256m -Xmx1g -XX:+UseParallelGC -XX:TieredStopAtLevel=1";

    private static final long STARTUP_TIMEOUT_MS = 60_000;
    private static final int START_ATTEMPTS = 3;

    private static KafkaTestBroker shared;
    private static RuntimeException sharedFailure;

    private final String bootstrapServers;
    private volatile Process process;
    private final Path workDir;
    private final boolean isShared;
    /** Client security properties (empty for PLAINTEXT). */
    private final Map<String, Object> clientSecurity;
    /** The broker JVM's command line (same config, ports and cluster id on a {@link #restart()}); null if external. */
    private final List<String> command;

    private KafkaTestBroker(String bootstrapServers, Process process, Path workDir, boolean isShared,
            Map<String, Object> clientSecurity) {
        this(bootstrapServers, process, workDir, isShared, clientSecurity, null);
    }

    private KafkaTestBroker(String bootstrapServers, Process process, Path workDir, boolean isShared,
            Map<String, Object> clientSecurity, List<String> command) {
        this.bootstrapServers = bootstrapServers;
        this.process = process;
        this.workDir = workDir;
        this.isShared = isShared;
        this.clientSecurity = clientSecurity;
        this.command = command;
    }

    /**
     * The broker shared by all tests of this JVM: {@link KafkaBrokers#shared()}, which picks the cluster named by
     * {@value #BOOTSTRAP_SERVERS_ENV}, a container or a local process; so a JVM has one shared broker whichever entry
     * point asks. A local one is started on the first call (thread-safe) and stopped at JVM exit; {@link #stop()} and
     * {@link #close()} do nothing on it. If the first start failed, every call fails the same way at once.
     */
    public static KafkaBroker shared() {
        return KafkaBrokers.shared();
    }

    /** The shared broker when it is a local process (the {@link KafkaBrokers} selection chose one). */
    static synchronized KafkaTestBroker sharedProcess() {
        if (shared == null) {
            if (sharedFailure != null) {
                throw new IllegalStateException("the shared Kafka test broker failed to start earlier", sharedFailure);
            }
            try {
                KafkaTestBroker started = start(true, null);
                Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown, "kafka-test-broker-stop"));
                shared = started;
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** The external cluster at {@code bootstrapServers} (nothing is started; stop does nothing). */
    static KafkaTestBroker remote(String bootstrapServers) {
        return new KafkaTestBroker(bootstrapServers.trim(), null, null, true, Map.of());
    }

    /** Starts an additional broker, independent of {@link #shared()}; the caller stops it. */
    public static KafkaTestBroker startNew() {
        return start(false, null);
    }

    /**
     * Starts an additional broker whose client listener is {@code SASL_SSL} with {@code SCRAM-SHA-512} (the user is
     * created when the storage is formatted); controller and inter-broker listeners stay PLAINTEXT on loopback. The
     * caller stops it.
     */
    public static KafkaTestBroker startSecured(Secured secured) {
        return start(false, secured);
    }

    /**
     * A SASL_SSL listener: the broker's PKCS12 keystore (password also the key's), and the SCRAM-SHA-512 user and
     * password clients log in with, trusting {@code truststore}.
     */
    public record Secured(Path keystore, Path truststore, String storePassword, String user, String password) {

        /** The JAAS line a client logs in with as {@code user}/{@code password}. */
        public String jaasConfig(String user, String password) {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                    + "\" password=\"" + password + "\";";
        }

        /** Client properties that reach the broker as {@link #user()}. */
        public Map<String, Object> clientProperties() {
            return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                    "sasl.jaas.config", jaasConfig(user, password),
                    "ssl.truststore.location", truststore.toString(), "ssl.truststore.password", storePassword,
                    "ssl.truststore.type", "PKCS12");
        }
    }

    /** {@code host:port} to give a client as {@code bootstrap.servers}, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Port of the client listener (of the first bootstrap server if external). */
    public int port() {
        String first = bootstrapServers.split(",")[0];
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }

    @Override
    public Provider provider() {
        return isExternal() ? Provider.REMOTE : Provider.LOCAL;
    }

    @Override
    public Map<String, Object> clientProperties() {
        return clientSecurity;
    }

    /** Whether this is the cluster named by {@value #BOOTSTRAP_SERVERS_ENV} rather than a broker started here. */
    public boolean isExternal() {
        return process == null;
    }

    /** The file with the broker's output; empty for an external cluster. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(workDir).map(d -> d.resolve("broker.log"));
    }

    /** Creates a topic with replication factor 1 and waits until it exists. */
    @Override
    public void createTopic(String name, int partitions) {
        KafkaBroker.createTopic(adminConfig(bootstrapServers, clientSecurity), name, partitions);
    }

    /**
     * Kills the broker JVM and waits until it is gone (its ports are closed then), and deletes its data. Does nothing
     * on the {@link #shared()} broker or an external cluster.
     */
    public void stop() {
        if (!isShared) {
            shutdown();
        }
    }

    /**
     * Kills the broker JVM (SIGKILL: no controlled shutdown, as in a crash), starts a new one with the same command
     * line (data directory, ports, cluster id) and waits until it is ready. Only on a broker from {@link #startNew()}.
     *
     * @return how long the broker was unreachable, in milliseconds
     */
    public synchronized long restart() {
        return restart(() -> {
        });
    }

    /**
     * As {@link #restart()}, running {@code whileDown} on the calling thread after the broker JVM is gone and before
     * the new one starts (a test checks there what clients see while the broker is down).
     *
     * @return how long the broker was unreachable, in milliseconds, {@code whileDown} included
     */
    public synchronized long restart(Runnable whileDown) {
        if (isShared || command == null) {
            throw new IllegalStateException("only a broker from startNew() can be restarted");
        }
        long begin = System.nanoTime();
        kill();
        whileDown.run();
        Path log = workDir.resolve("broker.log");
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart the Kafka test broker in " + workDir, e);
        }
        awaitReady(process, bootstrapServers, clientSecurity, log);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        LOG.info("Kafka test broker {} restarted on its data in {} ms (pid {})", bootstrapServers, millis,
                process.pid());
        return millis;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "KafkaTestBroker[" + bootstrapServers + (isExternal() ? ", external]" : ", " + workDir + "]");
    }

    private void shutdown() {
        if (process == null) {
            return;
        }
        // the data is throwaway, so no graceful shutdown: SIGKILL frees the ports at once
        if (kill()) {
            BrokerFiles.deleteRecursively(workDir.resolve("data"));
        }
    }

    /** SIGKILLs the broker JVM and waits until it is gone; false when interrupted. */
    private boolean kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Kafka test broker pid " + process.pid() + " did not exit");
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- starting ----

    private static KafkaTestBroker start(boolean isShared, Secured secured) {
        String classpath = KafkaBrokerClasspath.kitLocation() + File.pathSeparator + KafkaBrokerClasspath.resolve();
        for (int attempt = 1;; attempt++) {
            int[] ports = BrokerFiles.freePorts(3);
            Path dir = Path.of("target").toAbsolutePath()
                    .resolve("kafka-" + UUID.randomUUID().toString().substring(0, 8));
            try {
                return start(classpath, dir, ports, isShared, secured);
            } catch (PortTakenException e) {
                // another process took a port between freePorts() and the broker's bind: try other ports
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    private static KafkaTestBroker start(String classpath, Path dir, int[] ports, boolean isShared, Secured secured) {
        long begin = System.nanoTime();
        int port = ports[0];
        Map<String, Object> clientSecurity = secured == null ? Map.of() : secured.clientProperties();
        String bootstrap = "127.0.0.1:" + port;
        Path config = dir.resolve("server.properties");
        Path log = dir.resolve("broker.log");
        Process process;
        List<String> command = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Files.writeString(config, KafkaBrokerConfig.serverProperties(dir.resolve("data"), port, ports[1])
                    + (secured == null ? "" : KafkaBrokerConfig.securedProperties(secured, port, ports[1], ports[2])));
            Files.writeString(dir.resolve("log4j.properties"), KafkaBrokerConfig.LOG4J_PROPERTIES);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            command.add(java.toString());
            command.addAll(List.of(System.getProperty(JVM_OPTIONS_PROPERTY, TEST_JVM_OPTIONS).trim().split("\\s+")));
            command.addAll(List.of("-Djava.awt.headless=true",
                    "-Dlog4j.configuration=" + dir.resolve("log4j.properties").toUri(),
                    "-cp", classpath,
                    KafkaBrokerMain.class.getName(), config.toString(), Uuid.randomUuid().toString()));
            if (secured != null) {
                command.addAll(List.of("--add-scram",
                        "SCRAM-SHA-512=[name=" + secured.user() + ",password=" + secured.password() + "]"));
            }
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    // stdin stays a pipe that this JVM never writes: it closes when this JVM exits
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a Kafka test broker in " + dir, e);
        }
        KafkaTestBroker broker = new KafkaTestBroker(bootstrap, process, dir, isShared, clientSecurity,
                List.copyOf(command));
        try {
            awaitReady(process, bootstrap, clientSecurity, log);
        } catch (RuntimeException | Error e) {
            broker.shutdown();
            throw e;
        }
        LOG.info("Kafka test broker {} started in {} ms (pid {}, log {})", bootstrap,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), process.pid(), log);
        return broker;
    }

    /** Waits until {@code describeCluster} answers with a node, the broker JVM exits, or the time is up. */
    private static void awaitReady(Process process, String bootstrap, Map<String, Object> security, Path log) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_TIMEOUT_MS);
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig(bootstrap, security))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    String message = "Kafka test broker exited with code " + process.exitValue()
                            + " while starting; " + log + " ends with:\n" + BrokerFiles.tail(log);
                    throw BrokerFiles.contains(log, "Address already in use")
                            ? new PortTakenException(message) : new IllegalStateException(message);
                }
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes().get().isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    last = e;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the Kafka test broker", e);
        }
        throw new IllegalStateException("Kafka test broker " + bootstrap + " not ready after " + STARTUP_TIMEOUT_MS
                + " ms (last error: " + last + "); " + log + " ends with:\n" + BrokerFiles.tail(log));
    }

    static Map<String, Object> adminConfig(String bootstrap, Map<String, Object> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "kafka-test-broker-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
        return config;
    }

    /** The broker could not bind a port that was free when chosen. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
