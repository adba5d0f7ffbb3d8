package dev.eventbus.camel;

import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLContext;

import dev.eventbus.camel.transport.Transport;
import dev.eventbus.camel.transport.nats.NatsSettings;
import dev.eventbus.camel.transport.nats.NatsTransport;
import org.apache.camel.CamelContext;

/** Turns an endpoint's options into the NATS JetStream transport. */
final class NatsTransportFactory {

    private static final Set<String> RETENTIONS = Set.of("limits", "interest", "workqueue");

    private NatsTransportFactory() {
    }

    static Transport create(EventBusEndpoint endpoint) {
        return new NatsTransport(settings(endpoint.getConfiguration(), endpoint.getCamelContext()),
                endpoint.getComponent().sharedClients(), endpoint.threadPools());
    }

    static NatsSettings settings(EventBusConfiguration config, CamelContext context) {
        String topic = config.getTopic();
        if (config.getServers() == null || config.getServers().isBlank()) {
            throw new IllegalArgumentException("eventbus:" + topic + " uses transport=nats but no servers are set; set "
                                               + "servers=nats://host:4222 on the endpoint or camel.component.eventbus.servers");
        }
        String retention = config.getRetention() == null ? "limits" : config.getRetention().toLowerCase(Locale.ROOT);
        if (!RETENTIONS.contains(retention)) {
            throw new IllegalArgumentException("eventbus:" + topic + ": retention must be one of " + RETENTIONS + " (was "
                                               + config.getRetention() + ")");
        }
        Integer partitions = config.getPartitions();
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("eventbus:" + topic + ": partitions must be >= 1 (was " + partitions + ")");
        }
        int[] consume = NatsSettings.parsePartitions(config.getConsumePartitions());
        if (consume != null && partitions == null) {
            throw new IllegalArgumentException("eventbus:" + topic + ": consumePartitions=" + config.getConsumePartitions()
                                               + " needs partitions=N (the topic is not partitioned)");
        }
        SSLContext ssl = null;
        if (config.getSslContextParameters() != null) {
            try {
                ssl = config.getSslContextParameters().createSSLContext(context);
            } catch (Exception e) {
                throw new IllegalArgumentException("eventbus:" + topic + ": invalid sslContextParameters: " + e.getMessage(), e);
            }
        }
        NatsSettings.NatsAuth auth = new NatsSettings.NatsAuth(blankToNull(config.getUsername()),
                blankToNull(config.getPassword()), blankToNull(config.getToken()),
                blankToNull(config.getCredentialsFilePath()), blankToNull(config.getNkey()), config.isSecure(), ssl);
        return new NatsSettings(config.getServers(), auth, topic, blankToNull(config.getStream()),
                partitions == null ? 0 : partitions, consume, config.isAutoCreateStreams(), config.getDuplicateWindow(),
                retention, config.getMaxAge(), config.getReplicas(), config.getAckWait(), config.getMaxPendingPublishes(),
                config.getPublishTimeout(), Math.max(1, config.getStartTimeout()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
