package dev.eventbus.camel.transport.nats;

import dev.eventbus.camel.transport.TransportOptions;
import io.nats.client.Connection;
import org.apache.camel.support.jsse.SSLContextParameters;

/** The endpoint options of the NATS transport; their documentation is on the endpoint's configuration. */
public interface NatsOptions extends TransportOptions {

    String getServers();

    String getStream();

    boolean isAutoCreateStreams();

    long getDuplicateWindow();

    String getRetention();

    long getMaxAge();

    int getReplicas();

    long getAckWait();

    String getConsumePartitions();

    int getMaxPendingPublishes();

    String getUsername();

    String getPassword();

    String getToken();

    String getCredentialsFilePath();

    String getNkey();

    boolean isSecure();

    SSLContextParameters getSslContextParameters();

    /** A connection the user supplied, used instead of connecting to the servers; null to connect. */
    Connection getConnection();
}
