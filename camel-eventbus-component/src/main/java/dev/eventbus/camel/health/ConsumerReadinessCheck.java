package dev.eventbus.camel.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.SubscriptionState;
import dev.eventbus.camel.transport.SubscriptionStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The readiness check of one eventbus consumer, {@code consumer:eventbus-<routeId>}. The consumer sets it as its
 * {@link org.apache.camel.health.HealthCheckAware health check}, as camel-kafka's consumer does, so Camel's
 * {@code consumers} repository calls it from the route's check {@code consumer:<routeId>}. DOWN when:
 * <ul>
 * <li>the consumer has no running subscription;</li>
 * <li>the broker is unreachable ({@link SubscriptionStatus#connected()} false) for longer than
 * {@link #setConnectGraceMillis connectGrace};</li>
 * <li>the poll loop failed {@link #setMaxPollFailures maxPollFailures} times in a row;</li>
 * <li>this Kafka group member has held no partition for longer than {@link #setUnassignedGraceMillis
 * unassignedGrace};</li>
 * <li>events are stuck on a refusing dead-letter destination for longer than {@link #setConnectGraceMillis
 * connectGrace}.</li>
 * </ul>
 * The details name transport, topic, group, servers (never credentials), state, in-flight events, paused partitions
 * and lag. Calls are serialized by {@link AbstractHealthCheck#call}; any thread.
 */
public final class ConsumerReadinessCheck extends AbstractHealthCheck {

    /** Default of how long the broker may be unreachable (or dead-lettering fail) before the check is DOWN. */
    public static final long CONNECT_GRACE_MILLIS = 5_000;
    /** Default of how long a Kafka group member may hold no partition before the check is DOWN. */
    public static final long UNASSIGNED_GRACE_MILLIS = 60_000;
    /** Default of the consecutive poll failures at which the check is DOWN. */
    public static final int MAX_POLL_FAILURES = 3;

    private final String routeId;
    private final ConsumerProbe probe;
    private final LongSupplier clock;
    private final Grace disconnected = new Grace();
    private final Grace deadLetterStuck = new Grace();
    private long connectGraceMillis = CONNECT_GRACE_MILLIS;
    private long unassignedGraceMillis = UNASSIGNED_GRACE_MILLIS;
    private int maxPollFailures = MAX_POLL_FAILURES;

    /** A check on the wall clock. */
    public ConsumerReadinessCheck(String routeId, ConsumerProbe probe) {
        this(routeId, probe, System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds (tests pass their own) */
    public ConsumerReadinessCheck(String routeId, ConsumerProbe probe, LongSupplier clock) {
        super("camel", "consumer:eventbus-" + routeId);
        this.routeId = routeId;
        this.probe = probe;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    public void setConnectGraceMillis(long connectGraceMillis) {
        this.connectGraceMillis = connectGraceMillis;
    }

    public void setUnassignedGraceMillis(long unassignedGraceMillis) {
        this.unassignedGraceMillis = unassignedGraceMillis;
    }

    public void setMaxPollFailures(int maxPollFailures) {
        this.maxPollFailures = maxPollFailures;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long now = clock.getAsLong();
        builder.detail("route.id", routeId);
        builder.detail("transport", probe.transport());
        builder.detail("topic", probe.topic());
        builder.detail("group", probe.group());
        builder.detail("in.flight", probe.inFlight());
        int stuck = probe.deadLetterStuck();
        builder.detail("dead.letter.stuck", stuck);
        builder.detail("dead.letter.failures", probe.deadLetterFailures());
        SubscriptionStatus status = probe.status();
        if (status == null) {
            builder.down().message("eventbus consumer of topic " + probe.topic() + " has no subscription");
            return;
        }
        describe(builder, status);
        String problem = problem(status, now);
        if (problem != null) {
            builder.down().message(problem);
            return;
        }
        judgeDeadLetters(builder, stuck, now);
    }

    private static void describe(HealthCheckResultBuilder builder, SubscriptionStatus status) {
        builder.detail("state", status.state().name());
        builder.detail("connected", status.connected());
        if (status.servers() != null) {
            builder.detail("servers", status.servers());
        }
        builder.detail("poll.failures", status.consecutivePollFailures());
        List<Integer> assigned = new ArrayList<>();
        List<Integer> paused = new ArrayList<>();
        for (PartitionStatus p : status.partitions()) {
            assigned.add(p.partition());
            if (p.paused()) {
                paused.add(p.partition());
            }
        }
        builder.detail("partitions", assigned.toString());
        builder.detail("paused.partitions", paused.toString());
        builder.detail("lag", status.lag());
    }

    /** Why the subscription is not ready, or null when it is. */
    private String problem(SubscriptionStatus status, long now) {
        String topic = probe.topic();
        if (!status.state().isActive()) {
            disconnected.observe(false, now);
            return "eventbus consumer of topic " + topic + " is " + status.state();
        }
        long down = disconnected.observe(!status.connected(), now);
        if (down > connectGraceMillis) {
            return "eventbus consumer of topic " + topic + " cannot reach the broker (" + status.servers() + ") for "
                    + down + " ms";
        }
        if (status.consecutivePollFailures() >= maxPollFailures) {
            return "eventbus consumer of topic " + topic + " failed to poll " + status.consecutivePollFailures()
                    + " times in a row";
        }
        if (status.state() == SubscriptionState.RUNNING && status.unassignedSinceMillis() > 0) {
            long unassigned = now - status.unassignedSinceMillis();
            if (unassigned > unassignedGraceMillis) {
                return "eventbus consumer of topic " + topic + " has had no partition assigned in group "
                        + probe.group() + " for " + unassigned + " ms";
            }
        }
        return null;
    }

    private void judgeDeadLetters(HealthCheckResultBuilder builder, int stuck, long now) {
        long stuckFor = deadLetterStuck.observe(stuck > 0, now);
        if (stuckFor > connectGraceMillis) {
            builder.down().message(stuck + " events of topic " + probe.topic()
                    + " cannot be published to the dead-letter destination (for " + stuckFor + " ms)");
        } else {
            builder.up();
        }
    }
}
