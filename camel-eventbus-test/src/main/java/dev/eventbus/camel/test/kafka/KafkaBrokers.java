package dev.eventbus.camel.test.kafka;

import java.util.Map;

import dev.eventbus.camel.test.provider.Provider;
import dev.eventbus.camel.test.provider.ProviderSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker shared by the tests of a JVM, from the provider that {@link ProviderSelection} picks for
 * {@value KafkaTestBroker#BOOTSTRAP_SERVERS_ENV}: that remote cluster, a Testcontainers container when a Docker engine
 * answers, else a local {@link KafkaTestBroker} process. Logs one line saying which.
 */
public final class KafkaBrokers {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokers.class);
    private static KafkaBroker shared;
    private static RuntimeException sharedFailure;

    private KafkaBrokers() {
    }

    /** The shared broker, started on the first call; if that failed, every call fails the same way at once. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            if (sharedFailure != null) {
                throw new IllegalStateException("the shared Kafka test broker failed to start earlier", sharedFailure);
            }
            Provider provider = ProviderSelection.select(KafkaTestBroker.BOOTSTRAP_SERVERS_ENV);
            try {
                shared = start(provider);
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            LOG.info("eventbus test kit: Kafka broker {} from provider {} ({})", shared.bootstrapServers(), provider,
                    describe(provider));
        }
        return shared;
    }

    private static KafkaBroker start(Provider provider) {
        return switch (provider) {
            case REMOTE -> KafkaTestBroker.remote(System.getenv(KafkaTestBroker.BOOTSTRAP_SERVERS_ENV));
            case TESTCONTAINERS -> KafkaContainerBroker.start();
            case LOCAL -> KafkaTestBroker.sharedProcess();
        };
    }

    private static String describe(Provider provider) {
        return Map.of(Provider.REMOTE, "environment variable " + KafkaTestBroker.BOOTSTRAP_SERVERS_ENV,
                Provider.TESTCONTAINERS, "Docker engine found, image " + KafkaContainerBroker.IMAGE,
                Provider.LOCAL, "no Docker engine: forked KRaft broker JVM").get(provider);
    }
}
