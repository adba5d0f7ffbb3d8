package dev.eventbus.camel.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.ConsumerStats;
import dev.eventbus.camel.EventBusConsumer;
import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.SubscriptionStatus;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code eventbus} dev console: per route with an eventbus consumer, its transport, topic, group, lanes busy, in
 * flight, counters, and per partition the committed and completed offsets and the lag. Camel finds it by its name
 * ({@code META-INF/services/org/apache/camel/dev-console/eventbus}, generated from the annotation); camel-console
 * (the registry behind {@code camel get}, the developer console and Jolokia's dev console access) is not needed to
 * resolve it.
 * <p>
 * Called on whatever thread asks (HTTP, JMX, the JBang status poll): it reads counters and the subscriptions'
 * status snapshots, which make no broker call and never wait for a poll thread.
 */
@DevConsole(name = "eventbus", displayName = "EventBus",
            description = "Eventbus consumers: lanes, in flight, counters, offsets and lag per partition")
public class EventBusDevConsole extends AbstractDevConsole {

    public EventBusDevConsole() {
        super("camel", "eventbus", "EventBus",
                "Eventbus consumers: lanes, in flight, counters, offsets and lag per partition");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (ConsumerEntry entry : consumers()) {
            EventBusConsumer c = entry.consumer();
            SubscriptionStatus status = c.getSubscriptionStatus();
            sb.append(String.format("%n    Route Id: %s", entry.routeId()));
            sb.append(String.format("%n    From: %s", entry.uri()));
            sb.append(String.format("%n    Transport: %s  Topic: %s  Group: %s", c.getTransport(), c.getTopic(),
                    c.getGroupId()));
            if (status != null) {
                sb.append(String.format("%n    State: %s  Connected: %s  Servers: %s  Lag: %d", status.state(),
                        status.connected(), status.servers(), status.lag()));
            }
            sb.append(String.format("%n    Lanes Busy: %d/%d  In Flight: %d (peak %d)", c.getLanesBusy(),
                    c.getConcurrency(), c.getInFlight(), c.getPeakInFlight()));
            sb.append(String.format("%n    Poll Failures: %d  Completion Failures: %d", c.getPollFailures(),
                    c.getCompletionFailures()));
            counters(c.getStats()).forEach((name, value) -> sb.append(String.format("%n    %s: %s", name, value)));
            if (status != null && !status.partitions().isEmpty()) {
                sb.append(String.format("%n    %-10s %16s %16s %12s %7s", "Partition", "Committed", "Completed", "Lag",
                        "Paused"));
                for (PartitionStatus p : status.partitions()) {
                    sb.append(String.format("%n    %-10d %16d %16d %12d %7s", p.partition(), p.committedOffset(),
                            p.completedOffset(), p.lag(), p.paused()));
                }
            }
            sb.append(String.format("%n"));
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        List<JsonObject> list = new ArrayList<>();
        for (ConsumerEntry entry : consumers()) {
            EventBusConsumer c = entry.consumer();
            JsonObject jo = new JsonObject();
            jo.put("routeId", entry.routeId());
            jo.put("uri", entry.uri());
            jo.put("transport", c.getTransport());
            jo.put("topic", c.getTopic());
            jo.put("groupId", c.getGroupId());
            jo.put("concurrency", c.getConcurrency());
            jo.put("lanesBusy", c.getLanesBusy());
            jo.put("inFlight", c.getInFlight());
            jo.put("peakInFlight", c.getPeakInFlight());
            jo.put("pollFailures", c.getPollFailures());
            jo.put("completionFailures", c.getCompletionFailures());
            JsonObject counters = new JsonObject();
            counters.putAll(counters(c.getStats()));
            jo.put("counters", counters);
            SubscriptionStatus status = c.getSubscriptionStatus();
            if (status != null) {
                jo.put("state", status.state().name());
                jo.put("connected", status.connected());
                jo.put("servers", status.servers());
                jo.put("consecutivePollFailures", status.consecutivePollFailures());
                jo.put("lag", status.lag());
                List<JsonObject> partitions = new ArrayList<>();
                for (PartitionStatus p : status.partitions()) {
                    JsonObject po = new JsonObject();
                    po.put("partition", p.partition());
                    po.put("committedOffset", p.committedOffset());
                    po.put("completedOffset", p.completedOffset());
                    po.put("lag", p.lag());
                    po.put("paused", p.paused());
                    partitions.add(po);
                }
                jo.put("partitions", partitions);
            }
            list.add(jo);
        }
        root.put("consumers", list);
        return root;
    }

    /** The counters by their JSON name, in a fixed order. */
    private static Map<String, Object> counters(ConsumerStats stats) {
        Map<String, Object> counters = new java.util.LinkedHashMap<>();
        counters.put("processed", stats.processed());
        counters.put("duplicatesSkipped", stats.duplicatesSkipped());
        counters.put("redeliveries", stats.redeliveries());
        counters.put("deadLettered", stats.deadLettered());
        counters.put("released", stats.released());
        counters.put("resequenced", stats.resequenced());
        counters.put("staleSkipped", stats.staleSkipped());
        counters.put("deferred", stats.deferred());
        counters.put("replayed", stats.replayed());
        counters.put("deadLetterFailures", stats.deadLetterFailures());
        counters.put("deadLetterStuck", stats.deadLetterStuck());
        return counters;
    }

    private List<ConsumerEntry> consumers() {
        List<ConsumerEntry> consumers = new ArrayList<>();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof EventBusConsumer consumer) {
                // the base URI only: an option value may hold a secret that URI sanitizing misses (an NKey, a
                // password inside the percent-encoded servers URL)
                consumers.add(new ConsumerEntry(route.getRouteId(), route.getEndpoint().getEndpointBaseUri(),
                        consumer));
            }
        }
        return consumers;
    }

    private record ConsumerEntry(String routeId, String uri, EventBusConsumer consumer) {
    }
}
