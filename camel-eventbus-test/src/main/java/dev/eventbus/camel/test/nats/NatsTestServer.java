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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.test.provider.Provider;

/**
 * A real {@code nats-server -js} for tests: the executable named by the environment variable
 * {@value #EXECUTABLE_ENV}, else {@code nats-server} on the PATH, else the Debian package's
 * {@code /usr/sbin/nats-server}, on a free port of 127.0.0.1, with a fresh JetStream store under {@code target/}. {@link #url()} gives
 * the server shared by the test JVM (started once, stopped at JVM exit), or the server named by the environment
 * variable {@code EVENTBUS_NATS_URL}. {@link #startNew()} starts a private server that a test may stop and start again
 * on the same port and store; {@link #startNew(String)} one with a configuration file (TLS, authorization: see
 * {@link NatsServerConfig}, {@link NatsOperator}). The server runs under a small shell that kills it when the JVM's end of its stdin
 * closes, so it never outlives the JVM, even after a crash. The system server on port 4222 is never used.
 */
public final class NatsTestServer implements NatsServer {

    /** Environment variable pointing tests at an external server instead. */
    public static final String URL_ENV = "EVENTBUS_NATS_URL";
    /** Environment variable with the path of the {@code nats-server} executable to run. */
    public static final String EXECUTABLE_ENV = "EVENTBUS_NATS_SERVER";
    private static volatile NatsTestServer shared;

    private final int port;
    private final Path storeDir;
    /** The server's configuration file, or null for none. */
    private final Path configFile;
    private Process process;

    private NatsTestServer(int port, Path storeDir, Path configFile) {
        this.port = port;
        this.storeDir = storeDir;
        this.configFile = configFile;
    }

    /** The URL of the shared test server ({@code EVENTBUS_NATS_URL} when set). */
    public static String url() {
        String external = System.getenv(URL_ENV);
        if (external != null && !external.isBlank()) {
            return external;
        }
        return sharedProcess().serverUrl();
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

    /** Starts a private server on a free port with a fresh store; stopped at JVM exit at the latest. */
    public static NatsTestServer startNew() {
        return startNew(null);
    }

    /**
     * Starts a private server as {@link #startNew()} does, with {@code config} (nats-server configuration text, e.g. a
     * {@code tls} or {@code authorization} block; null for none) as its configuration file; the command line's
     * address, port, JetStream and store win over it.
     */
    public static NatsTestServer startNew(String config) {
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
        NatsTestServer server = new NatsTestServer(freePort(), dir, configFile);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "nats-test-server-stop"));
        return server;
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

    /** Starts the server (again) on its port and store; returns when it accepts connections. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        String command = "'" + executable() + "'" + (configFile == null ? "" : " -c '" + configFile + "'") + " -js -a 127.0.0.1 -p "
                         + port + " -sd '" + storeDir + "'";
        // the shell kills the server when our end of its stdin closes (stop() or JVM exit, even a crash)
        String script = command + " & pid=$!; cat >/dev/null; kill -TERM $pid 2>/dev/null; wait $pid";
        try {
            process = new ProcessBuilder(List.of("sh", "-c", script))
                    .redirectErrorStream(true)
                    .redirectOutput(storeDir.resolve("server.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nats-server did not start on port " + port + "; see "
                                                + storeDir.resolve("server.log"));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
    }

    @Override
    public Provider provider() {
        return Provider.LOCAL;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            int port = socket.getLocalPort();
            if (port == 4222) {
                return freePort();
            }
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
