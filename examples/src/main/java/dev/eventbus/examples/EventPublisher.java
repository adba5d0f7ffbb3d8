package dev.eventbus.examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.ProducerTemplate;

/**
 * One publishing thread of the demo: it owns the orders {@code order % publishers == index} and publishes their
 * versions 1..n in order, in batches, through the YAML route {@code direct:publish-order-events}.
 */
final class EventPublisher implements Runnable {

    private final DemoOptions options;
    private final int index;
    private final ProducerTemplate template;
    private final AtomicInteger published;
    private final byte[] padding;
    private final long start;

    EventPublisher(DemoOptions options, int index, ProducerTemplate template, AtomicInteger published, long start) {
        this.options = options;
        this.index = index;
        this.template = template;
        this.published = published;
        this.padding = padding(options.payloadBytes());
        this.start = start;
    }

    /** Events this publisher sends: its orders' share of the total. */
    static int share(DemoOptions options, int index) {
        int versions = Math.max(1, options.events() / options.aggregates());
        int orders = 0;
        for (int order = index; order < Math.min(options.aggregates(), options.events()); order += options
                .publishers()) {
            orders++;
        }
        return orders * versions;
    }

    @Override
    public void run() {
        int versions = Math.max(1, options.events() / options.aggregates());
        int orders = Math.min(options.aggregates(), options.events());
        List<Envelope> batch = new ArrayList<>(options.batch());
        try {
            for (int version = 1; version <= versions; version++) {
                for (int order = index; order < orders; order += options.publishers()) {
                    batch.add(Envelope.builder().aggregateId("order-" + order)
                            .eventType(version == 1 ? "OrderPlaced" : "LineAdded").eventVersion(version)
                            .payload(payload(order, version)).build());
                    if (batch.size() == options.batch()) {
                        send(batch);
                        batch = new ArrayList<>(options.batch());
                    }
                }
            }
            if (!batch.isEmpty()) {
                send(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(List<Envelope> batch) throws InterruptedException {
        template.sendBody("direct:publish-order-events", batch.size() == 1 ? batch.get(0) : batch);
        int total = published.addAndGet(batch.size());
        if (options.rate() > 0) {
            long early = start + (long) (total * 1e9 / options.rate()) - System.nanoTime();
            if (early > 0) {
                TimeUnit.NANOSECONDS.sleep(early);
            }
        }
    }

    private static byte[] padding(int payloadBytes) {
        byte[] pad = new byte[Math.max(0, payloadBytes - 60)];
        for (int i = 0; i < pad.length; i++) {
            pad[i] = (byte) ('a' + i % 26);
        }
        return pad;
    }

    private byte[] payload(int order, int version) {
        byte[] head = ("{\"order\":" + order + ",\"line\":" + version + ",\"note\":\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[head.length + padding.length + 2];
        System.arraycopy(head, 0, json, 0, head.length);
        System.arraycopy(padding, 0, json, head.length, padding.length);
        json[json.length - 2] = '"';
        json[json.length - 1] = '}';
        return json;
    }
}
