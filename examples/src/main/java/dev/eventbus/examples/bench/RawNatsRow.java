package dev.eventbus.examples.bench;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.WireHeaders;
import dev.eventbus.examples.bench.BenchSupport.Result;
import dev.eventbus.examples.bench.BenchSupport.Threads;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;

import static dev.eventbus.examples.bench.BenchSupport.KEYS;
import static dev.eventbus.examples.bench.BenchSupport.body;
import static dev.eventbus.examples.bench.BenchSupport.index;
import static dev.eventbus.examples.bench.BenchSupport.key;
import static dev.eventbus.examples.bench.BenchSupport.pace;

/**
 * The raw jnats row of {@link NatsBenchmark}: {@code publishAsync} with at most 1,000 awaiting their PubAck from the
 * benchmark's main thread, and a durable pull {@code consume()} with an explicit ack per message, which does the run's
 * {@link Work}.
 */
final class RawNatsRow {

    private final NatsBenchmark bench;

    RawNatsRow(NatsBenchmark bench) {
        this.bench = bench;
    }

    /**
     * {@code -Dbench.rawAsEventbus=true}: the raw publisher also sends what the eventbus publisher does besides the
     * bytes, the four envelope headers and a {@code Nats-Msg-Id} (the server's duplicate window), to measure their
     * share of the gap.
     */
    static final boolean RAW_AS_EVENTBUS = Boolean.getBoolean("bench.rawAsEventbus");

    /**
     * {@code -Dbench.rawAckAll=N}: the raw consumer's durable acknowledges with AckPolicy.All, every N-th message (and
     * the last), instead of each message explicitly: the ack-traffic saving a stream-sequence watermark could bring.
     */
    static final int RAW_ACK_ALL = Integer.getInteger("bench.rawAckAll", 0);

    /** One run of {@code n} messages, unpaced when {@code rate} is 0; called by the benchmark's main thread. */
    Result run(int n, int rate) throws Exception {
        int run = bench.nextRun();
        String subject = "raw" + run;
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        Connection conn = Nats.connect(bench.url);
        JetStreamManagement jsm = conn.jetStreamManagement();
        String stream = subject.toUpperCase();
        jsm.addStream(
                StreamConfiguration.builder().name(stream).subjects(subject).storageType(StorageType.File).build());
        jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable("bench")
                .ackPolicy(RAW_ACK_ALL > 0 ? AckPolicy.All : AckPolicy.Explicit).maxAckPending(2000).build());
        ConsumerContext cc = conn.getConsumerContext(stream, "bench");
        AtomicInteger consumed = new AtomicInteger();
        MessageConsumer consumer = cc.consume(msg -> {
            int i = index(msg.getData());
            bench.work.on(i);
            tracker.received(i);
            int count = consumed.incrementAndGet();
            if (RAW_ACK_ALL == 0 || count % RAW_ACK_ALL == 0 || count == n) {
                msg.ack();
            }
        });
        JetStream js = conn.jetStream();
        Semaphore outstanding = new Semaphore(1000);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (rate > 0) {
                pace(start, i, rate);
            }
            outstanding.acquire();
            tracker.sent(i);
            int index = i;
            publish(js, subject, run, i).whenComplete((ack, error) -> {
                if (error == null) {
                    tracker.acked(index);
                }
                outstanding.release();
            });
        }
        outstanding.acquire(1000);
        long produced = System.nanoTime();
        tracker.await(120);
        long end = tracker.lastNanos();
        int peak = Threads.peak();
        consumer.stop();
        consumer.close();
        conn.close();
        return tracker.result(rate > 0 ? "raw jnats paced " + rate + "/s" : "raw jnats", n, start, produced, end, peak,
                Threads.leftOver(before));
    }

    /** The bytes alone, or with what eventbus sends besides them ({@link #RAW_AS_EVENTBUS}). */
    private static CompletableFuture<PublishAck> publish(JetStream js, String subject, int run, int i) {
        if (!RAW_AS_EVENTBUS) {
            return js.publishAsync(subject, body(i));
        }
        String id = "raw-" + run + "-" + i;
        Headers headers = new Headers().put(WireHeaders.EVENT_ID, id).put(WireHeaders.AGGREGATE_ID, key(i))
                .put(WireHeaders.EVENT_VERSION, Integer.toString(i / KEYS + 1)).put(WireHeaders.EVENT_TYPE, "Bench");
        return js.publishAsync(subject, headers, body(i), PublishOptions.builder().messageId(id).build());
    }
}
