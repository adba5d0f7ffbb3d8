package dev.eventbus.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.envelope.UuidV7;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of {@link EnvelopeCodec} with a ~1 KiB payload. Run with:
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * mvn -B -q -pl examples exec:exec -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main EnvelopeCodecBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvelopeCodecBenchmark {

    private EnvelopeCodec codec;
    private Envelope envelope;
    private byte[] encoded;
    private JsonFactory factory;

    /** Builds the envelope (payload ~1 KiB: a few fields and a ~900 char string). */
    @Setup
    public void setup() {
        StringBuilder note = new StringBuilder();
        while (note.length() < 900) {
            note.append("The quick brown fox jumps over the lazy dog. ");
        }
        note.setLength(900);
        String payload = "{\"orderId\":\"order-42\",\"customer\":{\"id\":\"c-1001\",\"tier\":\"gold\"},"
                + "\"amount\":129.95,\"currency\":\"EUR\",\"items\":[{\"sku\":\"A1\",\"qty\":2}],"
                + "\"note\":\"" + note + "\"}";
        codec = new EnvelopeCodec();
        envelope = Envelope.builder()
                .eventId(UuidV7.next())
                .aggregateId("order-42")
                .eventType("OrderPlaced")
                .eventVersion(3)
                .timestamp(Instant.parse("2024-05-01T10:00:00.123456789Z"))
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .correlationId("corr-7f3a9c")
                .tenantId(7)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .build();
        encoded = codec.encode(envelope);
        factory = new JsonFactory();
        if (!codec.decode(encoded).equals(envelope)) {
            throw new IllegalStateException("round trip mismatch");
        }
    }

    /** Validate + encode. */
    @Benchmark
    public byte[] encode() {
        return codec.encode(envelope);
    }

    /** Parse + slice payload + validate. */
    @Benchmark
    public Envelope decode() {
        return codec.decode(encoded);
    }

    /**
     * Baseline, not part of the codec: one Jackson streaming pass over the payload alone
     * (createParser, nextToken, skipChildren, nextToken). encode needs one such pass (payload
     * validation) and decode one (over the whole document), so this bounds the achievable speed.
     */
    @Benchmark
    public JsonToken jacksonPayloadPassBaseline() throws IOException {
        try (JsonParser p = factory.createParser(envelope.payload())) {
            p.nextToken();
            p.skipChildren();
            return p.nextToken();
        }
    }

    /** Encode then decode the result. */
    @Benchmark
    public Envelope encodeDecode() {
        return codec.decode(codec.encode(envelope));
    }
}
