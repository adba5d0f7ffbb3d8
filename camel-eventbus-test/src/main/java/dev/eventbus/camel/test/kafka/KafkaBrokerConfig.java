package dev.eventbus.camel.test.kafka;

import java.nio.file.Path;

/** The {@code server.properties} and {@code log4j.properties} texts of a {@link KafkaTestBroker}. */
final class KafkaBrokerConfig {

    private KafkaBrokerConfig() {
    }

    /**
     * Overrides of {@link #serverProperties} for a secured broker: clients on SASL_SSL (SCRAM-SHA-512, the keystore's
     * certificate), the broker to itself on a PLAINTEXT loopback listener {@code INTERNAL}.
     */
    static String securedProperties(KafkaTestBroker.Secured secured, int port, int controllerPort, int internalPort) {
        String keystore = secured.keystore().toAbsolutePath().toString().replace('\\', '/');
        return String.join("\n",
                "listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort
                        + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort,
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=INTERNAL",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.keystore.location=" + keystore,
                "ssl.keystore.password=" + secured.storePassword(),
                "ssl.key.password=" + secured.storePassword(),
                "ssl.keystore.type=PKCS12",
                "ssl.client.auth=none",
                "");
    }

    static String serverProperties(Path dataDir, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                // forward slashes: a properties file reads backslashes as escapes
                "log.dirs=" + dataDir.toAbsolutePath().toString().replace('\\', '/'),
                "num.partitions=8",
                "auto.create.topics.enable=true",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                // fast consumer-group (re)balances: no initial delay, and clients may use short session timeouts
                "group.initial.rebalance.delay.ms=0",
                "group.min.session.timeout.ms=1000",
                // a broker restarted after a kill registers again once its old session expired (default 9 s)
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=1500",
                // small for 2 cores
                "num.network.threads=2",
                "num.io.threads=2",
                "num.recovery.threads.per.data.dir=1",
                "log.cleaner.threads=1",
                "");
    }

    static final String LOG4J_PROPERTIES = String.join("\n",
            "log4j.rootLogger=INFO, stdout",
            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
            "log4j.logger.kafka.request.logger=WARN",
            "log4j.logger.state.change.logger=WARN",
            "");

}
