package dev.eventbus.camel.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka 3.9.1 broker for integration tests: one KRaft node in combined mode
 * ({@code process.roles=broker,controller}) on free loopback ports, in a JVM of its own.
 *
 * <ul>
 *   <li>{@link #shared()}: one broker per test JVM, started on first use and stopped when the JVM exits; or, if the
 *       environment variable {@value #BOOTSTRAP_SERVERS_ENV} is set, that external cluster (nothing is started).</li>
 *   <li>{@link #startNew()}: an additional broker that the test owns and stops ({@link #stop()}, or
 *       try-with-resources), e.g. to see a producer lose its broker, or restarts on its data ({@link #restart()}).
 *       Always forked, whatever the environment.</li>
 * </ul>
 *
 * <p>The broker JVM runs {@link KafkaBrokerMain} with the classpath that the {@code kafka-test-broker} module resolved
 * into {@code kafka-test-broker/target/kafka-broker.classpath} (override: system property
 * {@value #CLASSPATH_FILE_PROPERTY}), so its Scala and Jackson versions never meet the test classpath. It works in
 * {@code target/kafka-<random>/}: {@code server.properties}, {@code broker.log} (all broker output) and
 * {@code data/}, which is deleted when the broker stops. The broker JVM halts when its standard input closes, so it
 * cannot outlive the test JVM even if that one is killed.
 *
 * <p>Topics are auto-created on first use ({@code auto.create.topics.enable=true}) with {@code num.partitions=8};
 * {@link #createTopic(String, int)} creates one explicitly.
 */
public final class KafkaTestBroker implements AutoCloseable {

    /** Environment variable naming an external cluster that {@link #shared()} uses instead of starting a broker. */
    public static final String BOOTSTRAP_SERVERS_ENV = "EVENTBUS_KAFKA_BOOTSTRAP_SERVERS";
    /** System property overriding the file that holds the broker JVM's classpath. */
    public static final String CLASSPATH_FILE_PROPERTY = "eventbus.kafka.broker.classpath";
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
     * The broker shared by all tests of this JVM: started on the first call (thread-safe), stopped at JVM exit.
     * {@link #stop()} and {@link #close()} do nothing on it. If the first start failed, every call fails the same
     * way at once instead of waiting again.
     */
    public static synchronized KafkaTestBroker shared() {
        if (shared == null) {
            if (sharedFailure != null) {
                throw new IllegalStateException("the shared Kafka test broker failed to start earlier", sharedFailure);
            }
            String external = System.getenv(BOOTSTRAP_SERVERS_ENV);
            try {
                if (external != null && !external.isBlank()) {
                    shared = new KafkaTestBroker(external.trim(), null, null, true, Map.of());
                } else {
                    KafkaTestBroker started = start(true, null);
                    Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown, "kafka-test-broker-stop"));
                    shared = started;
                }
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
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

    /** Whether this is the cluster named by {@value #BOOTSTRAP_SERVERS_ENV} rather than a broker started here. */
    public boolean isExternal() {
        return process == null;
    }

    /** The file with the broker's output; empty for an external cluster. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(workDir).map(d -> d.resolve("broker.log"));
    }

    /** Creates a topic with replication factor 1 and waits until it exists. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(adminConfig(bootstrapServers, clientSecurity))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name + " on " + bootstrapServers, e);
        }
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
        if (isShared || command == null) {
            throw new IllegalStateException("only a broker from startNew() can be restarted");
        }
        long begin = System.nanoTime();
        kill();
        Path log = workDir.resolve("broker.log");
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart the Kafka test broker in " + workDir, e);
        }
        awaitReady(process, bootstrapServers, clientSecurity, log);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        System.out.printf("Kafka test broker %s restarted on its data in %d ms (pid %d)%n", bootstrapServers, millis,
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
            deleteRecursively(workDir.resolve("data"));
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
        String classpath = testClasses() + File.pathSeparator + brokerClasspath();
        for (int attempt = 1; ; attempt++) {
            int[] ports = freePorts(3);
            Path dir = testClasses().resolveSibling("kafka-" + UUID.randomUUID().toString().substring(0, 8));
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
            Files.writeString(config, serverProperties(dir.resolve("data"), port, ports[1])
                                      + (secured == null ? "" : securedProperties(secured, port, ports[1], ports[2])));
            Files.writeString(dir.resolve("log4j.properties"), LOG4J_PROPERTIES);
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
        KafkaTestBroker broker = new KafkaTestBroker(bootstrap, process, dir, isShared, clientSecurity, List.copyOf(command));
        try {
            awaitReady(process, bootstrap, clientSecurity, log);
        } catch (RuntimeException | Error e) {
            broker.shutdown();
            throw e;
        }
        System.out.printf("Kafka test broker %s started in %d ms (pid %d, log %s)%n", bootstrap,
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
                            + " while starting; " + log + " ends with:\n" + tail(log);
                    throw contains(log, "Address already in use")
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
                + " ms (last error: " + last + "); " + log + " ends with:\n" + tail(log));
    }

    private static Map<String, Object> adminConfig(String bootstrap, Map<String, Object> security) {
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

    /**
     * Overrides of {@link #serverProperties} for a secured broker: clients on SASL_SSL (SCRAM-SHA-512, the keystore's
     * certificate), the broker to itself on a PLAINTEXT loopback listener {@code INTERNAL}.
     */
    private static String securedProperties(Secured secured, int port, int controllerPort, int internalPort) {
        String keystore = secured.keystore().toAbsolutePath().toString().replace('\\', '/');
        return String.join("\n",
                "listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort,
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=INTERNAL",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.keystore.location=" + keystore,
                "ssl.keystore.password=" + secured.storePassword(),
                "ssl.key.password=" + secured.storePassword(),
                "ssl.keystore.type=PKCS12",
                "ssl.client.auth=none",
                "");
    }

    private static String serverProperties(Path dataDir, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                // forward slashes: a properties file reads backslashes as escapes
                "log.dirs=" + dataDir.toAbsolutePath().toString().replace('\\', '/'),
                "num.partitions=8",
                "auto.create.topics.enable=true",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                // fast consumer-group (re)balances: no initial delay, and clients may use short session timeouts
                "group.initial.rebalance.delay.ms=0",
                "group.min.session.timeout.ms=1000",
                // a broker restarted after a kill registers again once its old session expired (default 9 s)
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=1500",
                // small for 2 cores
                "num.network.threads=2",
                "num.io.threads=2",
                "num.recovery.threads.per.data.dir=1",
                "log.cleaner.threads=1",
                "");
    }

    private static final String LOG4J_PROPERTIES = String.join("\n",
            "log4j.rootLogger=INFO, stdout",
            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
            "log4j.logger.kafka.request.logger=WARN",
            "log4j.logger.state.change.logger=WARN",
            "");

    // ---- helpers ----

    /** Where these classes are: {@code target/test-classes} of this module. */
    private static Path testClasses() {
        try {
            return Path.of(KafkaBrokerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String brokerClasspath() {
        String override = System.getProperty(CLASSPATH_FILE_PROPERTY);
        Path file = override != null ? Path.of(override)
                : testClasses().resolve("../../../kafka-test-broker/target/kafka-broker.classpath").normalize();
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("no Kafka broker classpath at " + file + ": build from the repository root"
                    + " (mvn verify, or mvn -pl camel-eventbus-component -am ...) so that module kafka-test-broker"
                    + " writes it, or set -D" + CLASSPATH_FILE_PROPERTY, e);
        }
    }

    /** Distinct ports that were free on 127.0.0.1 a moment ago. */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket does not fail in practice
                }
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static boolean contains(Path log, String text) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains(text));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: target/ is cleaned by the build anyway
        }
    }

    /** The broker could not bind a port that was free when chosen. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
