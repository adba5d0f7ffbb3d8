package dev.eventbus.camel.test.nats;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import dev.eventbus.camel.test.provider.Provider;

/**
 * A real {@code nats-server -js} for tests: the executable named by the environment variable
 * {@value #EXECUTABLE_ENV}, else {@code nats-server} on the PATH, else the Debian package's
 * {@code /usr/sbin/nats-server}, on a free port of 127.0.0.1, with a fresh JetStream store under {@code target/}.
 * {@link #url()} gives the URL of the server shared by the test JVM, the one {@link NatsServers#shared()} selects.
 * {@link #startNew()} starts a private server that a test may stop and start again on the same port and store, and
 * {@link #close()}s at the end; {@link #startNew(String)} one with a configuration file (TLS, authorization: see
 * {@link NatsServerConfig}, {@link NatsOperator}). The server runs under a small shell that kills it when the JVM's
 * end of its stdin closes, so it never outlives the JVM, even after a crash. The system server on port 4222 is never
 * used.
 */
public final class NatsTestServer implements NatsServer, AutoCloseable {

    /** Environment variable pointing tests at an external server instead. */
    public static final String URL_ENV = "EVENTBUS_NATS_URL";
    /** Environment variable with the path of the {@code nats-server} executable to run. */
    public static final String EXECUTABLE_ENV = "EVENTBUS_NATS_SERVER";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;
    private static volatile NatsTestServer shared;

    private final int port;
    private final Path storeDir;
    /** The server's configuration file, or null for none. */
    private final Path configFile;
    private final String executable;
    private final Duration startTimeout;
    private Process process;
    /** Closes this server at JVM exit while its process runs; null when stopped. */
    private Thread shutdownHook;

    private NatsTestServer(int port, Path storeDir, Path configFile, String executable, Duration startTimeout) {
        this.port = port;
        this.storeDir = storeDir;
        this.configFile = configFile;
        this.executable = executable;
        this.startTimeout = startTimeout;
    }

    /**
     * The URL of the server shared by the test JVM: {@link NatsServers#shared()} (the server named by
     * {@value #URL_ENV}, a container or a local process), so a JVM has one shared server whichever entry point asks.
     */
    public static String url() {
        return NatsServers.shared().serverUrl();
    }

    /** The server shared by the test JVM, a local process whatever the environment; started on the first call. */
    static NatsTestServer sharedProcess() {
        NatsTestServer server = shared;
        if (server == null) {
            synchronized (NatsTestServer.class) {
                if (shared == null) {
                    shared = startNew();
                }
                server = shared;
            }
        }
        return server;
    }

    /** Starts a private server on a free port with a fresh store; closed at JVM exit at the latest. */
    public static NatsTestServer startNew() {
        return startNew(null);
    }

    /**
     * Starts a private server as {@link #startNew()} does, with {@code config} (nats-server configuration text, e.g. a
     * {@code tls} or {@code authorization} block; null for none) as its configuration file; the command line's
     * address, port, JetStream and store win over it. When another process takes the chosen port before the server
     * binds it, it tries again on other ports (three attempts).
     */
    public static NatsTestServer startNew(String config) {
        return start(config, NatsTestServer::freePort, executable(), START_TIMEOUT);
    }

    static NatsTestServer start(String config, IntSupplier ports, String executable, Duration startTimeout) {
        Path dir = Paths.get("target", "nats-js-" + UUID.randomUUID()).toAbsolutePath();
        Path configFile = config == null ? null : dir.resolve("server.conf");
        try {
            Files.createDirectories(dir);
            if (configFile != null) {
                Files.writeString(configFile, config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int attempt = 1;; attempt++) {
            NatsTestServer server = new NatsTestServer(ports.getAsInt(), dir, configFile, executable, startTimeout);
            try {
                server.start();
                return server;
            } catch (PortTakenException e) {
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    /** The port this server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** This server's URL. */
    @Override
    public String serverUrl() {
        return "nats://127.0.0.1:" + port;
    }

    /**
     * Starts the server (again) on its port and store; returns when it is ready (its log says so and the port
     * accepts). When it does not get ready in time, its process is killed before this fails.
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        String command = "'" + executable + "'" + (configFile == null ? "" : " -c '" + configFile + "'")
                + " -js -a 127.0.0.1 -p " + port + " -sd '" + storeDir + "'";
        // the watcher kills the server when our end of stdin closes (stop() or JVM exit, even a crash); the shell
        // exits when the server does
        String script = "exec 3<&0\n" + command + " </dev/null & pid=$!\n"
                + "{ cat >/dev/null; kill -TERM $pid 2>/dev/null; } <&3 & watcher=$!\n"
                + "wait $pid; status=$?\nkill $watcher 2>/dev/null\nexit $status\n";
        Path log = storeDir.resolve("server.log");
        try {
            process = new ProcessBuilder(List.of("sh", "-c", script)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        shutdownHook = new Thread(this::close, "eventbus-test-nats-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!(accepts() && logContains(log, "Server is ready"))) {
            boolean exited = !process.isAlive();
            if (exited || System.nanoTime() > deadline) {
                stop();
                String message = "nats-server did not start on port " + port + (exited ? "" : " in " + startTimeout)
                        + "; see " + log;
                throw exited && logContains(log, "address already in use") ? new PortTakenException(message)
                        : new IllegalStateException(message);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops the server (SIGTERM, then the wait for it to exit); its store stays for {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        removeShutdownHook();
    }

    /** Stops the server for good and deletes its JetStream store (its log and configuration stay in target/). */
    @Override
    public synchronized void close() {
        stop();
        deleteRecursively(storeDir.resolve("jetstream"));
    }

    /** The directory of the server's store, log and configuration file. */
    Path storeDir() {
        return storeDir;
    }

    @Override
    public Provider provider() {
        return Provider.LOCAL;
    }

    @Override
    public String toString() {
        return "NatsTestServer[" + serverUrl() + ", " + storeDir + "]";
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
        shutdownHook = null;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
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

    /** The nats-server to run: {@value #EXECUTABLE_ENV}, else the PATH, else {@code /usr/sbin/nats-server}. */
    static String executable() {
        String named = System.getenv(EXECUTABLE_ENV);
        if (named != null && !named.isBlank()) {
            return named.trim();
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "nats-server");
            if (!dir.isEmpty() && candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        File apt = new File("/usr/sbin/nats-server");
        if (apt.canExecute()) {
            return apt.getPath();
        }
        throw new IllegalStateException("no nats-server found: install it (e.g. apt-get install nats-server, or a"
                + " release from github.com/nats-io/nats-server), put it on the PATH or set "
                + EXECUTABLE_ENV + "; or use Docker (Testcontainers) or " + URL_ENV);
    }

    /** A port that was free on 127.0.0.1 a moment ago (never 4222). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            int port = socket.getLocalPort();
            return port == 4222 ? freePort() : port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server could not bind a port that was free when chosen. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
