package dev.eventbus.camel.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

/**
 * The foreign peer of the integration tests: a Go program ({@code src/test/go/gopeer}) that publishes and consumes
 * events the way the Go event bus (jxt-core {@code sdk/pkg/eventbus}) does, with sarama and nats.go from Debian's
 * packages. It is built once per test JVM into {@code target/gopeer} (GOPATH mode, offline) and driven over its
 * stdin/stdout, one command and one answer per line, so a test can interleave it with Java publishers. The process
 * ends when its stdin closes ({@link #close()}, or the JVM's exit).
 *
 * <p>Without {@code go} or the Debian packages, the test is skipped (a JUnit assumption) with how to install them,
 * unless the environment variable {@code EVENTBUS_REQUIRE_GO_PEER=1} asks for a failure instead (CI).
 */
public final class GoPeer implements AutoCloseable {

    /** Environment variable that turns a missing Go toolchain from a skip into a failure. */
    public static final String REQUIRE_ENV = "EVENTBUS_REQUIRE_GO_PEER";
    private static final String GOPATH = "/usr/share/gocode";
    private static final String INSTALL = "apt-get install -y golang-go gcc golang-github-shopify-sarama-dev "
            + "golang-github-nats-io-go-nats-dev";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path binary;

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private GoPeer(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "gopeer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a peer for the Kafka brokers and NATS server given (null for a transport not used). */
    public static GoPeer start(String kafkaBrokers, String natsUrl) {
        Path exe = binary();
        try {
            Process process = new ProcessBuilder(exe.toString(), kafkaBrokers == null ? "-" : kafkaBrokers,
                    natsUrl == null ? "-" : natsUrl)
                    .redirectError(ProcessBuilder.Redirect.appendTo(exe.resolveSibling("gopeer.log").toFile()))
                    .start();
            return new GoPeer(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes versions {@code from..to} of aggregates {@code prefix-0..n-1} as the Go bus does; waits for the acks. */
    public int kafkaPublish(String topic, String prefix, int aggregates, int from, int to, String eventType) {
        return published(call("kafka-publish " + topic + " " + prefix + " " + aggregates + " " + from + " " + to + " "
                + eventType, 60));
    }

    /** Creates the topic's stream as the Go bus does: {@code STREAM_<topic>}, subjects {@code [topic]}; its name. */
    public String natsStream(String topic) {
        return call("nats-stream " + topic, 30).substring(3);
    }

    /** As {@link #kafkaPublish}, on NATS: no headers, subject = topic. */
    public int natsPublish(String topic, String prefix, int aggregates, int from, int to, String eventType) {
        return published(call("nats-publish " + topic + " " + prefix + " " + aggregates + " " + from + " " + to + " "
                + eventType, 60));
    }

    /** Starts a sarama consumer group reading {@code topic} from the oldest offset; {@link #await} ends it. */
    public void kafkaConsume(String topic, String group, int expected) {
        call("kafka-consume " + topic + " " + group + " " + expected, 30);
    }

    /** Starts a durable pull consumer on {@code topic} (the stream that captures it); {@link #await} ends it. */
    public void natsConsume(String topic, String durable, int expected) {
        call("nats-consume " + topic + " " + durable + " " + expected, 30);
    }

    /** Waits up to {@code seconds} for the expected events of the running consume, stops it, returns its summary. */
    public Summary await(int seconds) {
        String json = call("await " + seconds, seconds + 30);
        try {
            return new Summary(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("not a summary: " + json, e);
        }
    }

    private static int published(String answer) {
        return Integer.parseInt(answer.substring(3));
    }

    private synchronized String call(String command, int timeoutSeconds) {
        try {
            commands.write(command + "\n");
            commands.flush();
            String answer = answers.poll(timeoutSeconds, TimeUnit.SECONDS);
            if (answer == null || answer.startsWith("error")) {
                throw new IllegalStateException("gopeer: " + command + " -> " + (answer == null ? "no answer" : answer)
                        + " (see target/gopeer.log)");
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Ends the process: its stdin closes, it stops; killed when it has not after 5 s. */
    @Override
    public void close() {
        try {
            commands.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The binary, built once per JVM; skips (or fails, see {@link #REQUIRE_ENV}) without the Go toolchain. */
    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        String missing = missingToolchain();
        if (missing != null) {
            String message = "Go peer tests need " + missing + "; install with: " + INSTALL;
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                throw new IllegalStateException(message + " (" + REQUIRE_ENV + "=1)");
            }
            Assumptions.assumeTrue(false, message);
        }
        Path target = Paths.get("target").toAbsolutePath();
        Path exe = target.resolve("gopeer");
        Path log = target.resolve("gopeer-build.log");
        ProcessBuilder build = new ProcessBuilder("go", "build", "-o", exe.toString(), ".")
                .directory(Paths.get("src", "test", "go", "gopeer").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = build.environment();
        env.putAll(Map.of("GO111MODULE", "off", "GOPATH", GOPATH, "GOCACHE", target.resolve("go-cache").toString(),
                "GOFLAGS", "", "GOPROXY", "off"));
        try {
            Process process = build.start();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("go build of the Go peer failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        binary = exe;
        return exe;
    }

    /** What is missing of go and the Debian Go libraries, or null. */
    private static String missingToolchain() {
        boolean go = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> new File(dir, "go").canExecute());
        if (!go) {
            return "the go command (golang-go)";
        }
        for (String lib : List.of("github.com/Shopify/sarama", "github.com/nats-io/nats.go")) {
            if (!new File(GOPATH + "/src/" + lib).isDirectory()) {
                return GOPATH + "/src/" + lib;
            }
        }
        return null;
    }

    /** A consume's summary, as the Go peer printed it. */
    public record Summary(JsonNode json) {

        public int count() {
            return json.path("count").asInt();
        }

        public int aggregates() {
            return json.path("aggregates").asInt();
        }

        public int invalid() {
            return json.path("invalid").asInt();
        }

        public int violations() {
            return json.path("violations").asInt();
        }

        public int duplicates() {
            return json.path("duplicates").asInt();
        }

        public int lost() {
            return json.path("lost").asInt();
        }

        public int headerMismatches() {
            return json.path("headerMismatches").asInt();
        }

        public int partitionSplits() {
            return json.path("partitionSplits").asInt();
        }

        public int traced() {
            return json.path("traced").asInt();
        }

        public int correlated() {
            return json.path("correlated").asInt();
        }

        /** How many events carried {@code tenant} (0 for none). */
        public int tenant(long tenant) {
            return json.path("tenants").path(Long.toString(tenant)).asInt();
        }

        /** The distinct event types (at most 10). */
        public List<String> eventTypes() {
            return JSON.convertValue(json.path("eventTypes"), JSON.getTypeFactory().constructCollectionType(List.class,
                    String.class));
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }
}
