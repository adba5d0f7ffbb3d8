package dev.eventbus.camel.testsupport;

import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The one thread census of the tests: which threads of ours ({@code eventbus-*}) or of a broker client are alive.
 * Client threads are counted only when they started after the census was taken, so threads of other tests or of the
 * JVM do not count; ours always count (none may outlive its CamelContext).
 */
public final class ThreadCensus {

    /** Names of the Kafka clients' threads. */
    public static final Predicate<String> KAFKA_CLIENT = n -> n.startsWith("kafka-");
    /** Names of jnats' threads: {@code nats:N}, and {@code Executors} defaults for callbacks and connects. */
    public static final Predicate<String> NATS_CLIENT = n -> n.startsWith("nats:")
            || n.matches("pool-\\d+-thread-\\d+");
    /** No client threads (the memory transport has none). */
    public static final Predicate<String> NO_CLIENT = n -> false;

    private final Set<Thread> before;
    private final Predicate<String> client;

    private ThreadCensus(Predicate<String> client) {
        this.before = Set.copyOf(Thread.getAllStackTraces().keySet());
        this.client = client;
    }

    /** Takes the census now; later, threads named as {@code client} count when they started after this moment. */
    public static ThreadCensus taken(Predicate<String> client) {
        return new ThreadCensus(client);
    }

    /** Names of live threads that start with {@code eventbus-}. */
    public static Set<String> eventbusThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("eventbus-")).collect(Collectors.toSet());
    }

    /** Live {@code eventbus-} threads, and client threads started since the census. */
    public Set<String> alive() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("eventbus-") || !before.contains(t) && client.test(t.getName()))
                .map(Thread::getName).collect(Collectors.toSet());
    }
}
