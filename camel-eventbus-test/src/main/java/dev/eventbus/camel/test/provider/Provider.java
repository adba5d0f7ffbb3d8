package dev.eventbus.camel.test.provider;

/** Where a test's broker comes from. */
public enum Provider {

    /** A broker that runs elsewhere, named by an environment variable; nothing is started. */
    REMOTE,
    /** A container started with Testcontainers (a Docker engine answered). */
    TESTCONTAINERS,
    /** A process on this machine: a forked Kafka KRaft JVM, or {@code nats-server -js}. */
    LOCAL
}
