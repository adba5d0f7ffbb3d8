package dev.eventbus.camel.transport.nats;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.SSLContext;

import dev.eventbus.camel.transport.Transport;
import dev.eventbus.camel.transport.TransportCapabilities;
import dev.eventbus.camel.transport.TransportContext;
import dev.eventbus.camel.transport.TransportFactory;
import org.apache.camel.CamelContext;

/** {@code transport=nats}: turns an endpoint's options into the NATS JetStream transport. */
public final class NatsTransportFactory implements TransportFactory {

    /**
     * A durable consumer per group, wire headers for Go consumers, unpartitioned unless asked, and the server redelivers
     * a message after its AckWait or a nak, possibly after later messages of its subject.
     */
    private static final TransportCapabilities CAPABILITIES = new TransportCapabilities(true, true, 0, true,
            TransportCapabilities.CloudEventsHeaders.NATS);

    private static final Set<String> RETENTIONS = Set.of("limits", "interest", "workqueue");

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public TransportCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Transport create(TransportContext context) {
        NatsOptions options = context.options(NatsOptions.class);
        return new NatsTransport(settings(options, context.camelContext()), options.getConnection(),
                context.sharedClients(), context.threadPools());
    }

    static NatsSettings settings(NatsOptions config, CamelContext context) {
        String topic = config.getTopic();
        if (config.getConnection() == null && (config.getServers() == null || config.getServers().isBlank())) {
            throw new IllegalArgumentException("eventbus:" + topic + " uses transport=nats but no servers are set; set "
                    + "servers=nats://host:4222 (or connection=#bean) on the endpoint or camel.component.eventbus.servers");
        }
        String retention = config.getRetention() == null ? "limits" : config.getRetention().toLowerCase(Locale.ROOT);
        if (!RETENTIONS.contains(retention)) {
            throw new IllegalArgumentException(
                    "eventbus:" + topic + ": retention must be one of " + RETENTIONS + " (was "
                            + config.getRetention() + ")");
        }
        Integer partitions = config.getPartitions();
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException(
                    "eventbus:" + topic + ": partitions must be >= 1 (was " + partitions + ")");
        }
        int[] consume = NatsSettings.parsePartitions(config.getConsumePartitions());
        if (consume != null && partitions == null) {
            throw new IllegalArgumentException(
                    "eventbus:" + topic + ": consumePartitions=" + config.getConsumePartitions()
                            + " needs partitions=N (the topic is not partitioned)");
        }
        SSLContext ssl = null;
        if (config.getSslContextParameters() != null) {
            try {
                ssl = config.getSslContextParameters().createSSLContext(context);
            } catch (Exception e) {
                throw new IllegalArgumentException(
                        "eventbus:" + topic + ": invalid sslContextParameters: " + e.getMessage(), e);
            }
        }
        NatsSettings.NatsAuth auth = new NatsSettings.NatsAuth(blankToNull(config.getUsername()),
                blankToNull(config.getPassword()), blankToNull(config.getToken()),
                blankToNull(config.getCredentialsFilePath()), blankToNull(config.getNkey()), config.isSecure(), ssl);
        // with a supplied connection, its server stands in for the servers in messages (the settings never connect)
        String servers = config.getConnection() == null ? config.getServers()
                : Objects.toString(config.getConnection().getConnectedUrl(), "the supplied connection");
        return new NatsSettings(servers, auth, topic, blankToNull(config.getStream()),
                partitions == null ? CAPABILITIES.defaultPartitions() : partitions, consume,
                config.isAutoCreateStreams(), config.getDuplicateWindow(),
                retention, config.getMaxAge(), config.getReplicas(), config.getAckWait(),
                config.getMaxPendingPublishes(),
                config.getPublishTimeout(), Math.max(1, config.getStartTimeout()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
