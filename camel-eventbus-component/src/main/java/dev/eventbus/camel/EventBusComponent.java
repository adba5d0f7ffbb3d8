package dev.eventbus.camel;

import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import dev.eventbus.camel.health.ProducerChecks;
import dev.eventbus.camel.transport.SharedClients;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.URISupport;

/**
 * The {@code eventbus:} component. Options set here are the defaults of every endpoint. As a
 * {@link HealthCheckComponent} it has the options {@code healthCheckConsumerEnabled} and
 * {@code healthCheckProducerEnabled}, which turn its consumers' and producers' health checks on or off (see
 * {@code dev.eventbus.camel.health}).
 */
@Component("eventbus")
public class EventBusComponent extends HealthCheckComponent {

    static {
        // Camel masks only option values whose names it knows as secret in the endpoint URIs it shows (JMX, route
        // dumps, DEBUG logs): add the NKey seed, and the NATS server URLs, which may carry user:password@ or token@
        URISupport.addSanitizeKeywords("nkey,servers");
    }

    @Metadata
    private EventBusConfiguration configuration = new EventBusConfiguration();

    @Metadata(label = "advanced",
              description = "The Jackson ObjectMapper that converts payload objects to and from JSON. Only when set: an ObjectMapper that is merely bound in the registry (as Spring Boot's is) is not used, so a payload has the same bytes in every runtime. By default: java.time values as ISO-8601 text (offsets kept), Optional as its value, unknown payload fields ignored on read, classes with only a constructor read by parameter names, no default typing")
    private ObjectMapper objectMapper;

    @Metadata(label = "producer,advanced", defaultValue = "20",
              description = "Threads of the component's default worker pool (eventbus-worker-N), shared by its producers: the route continues there after a publish that completed asynchronously; threads start on demand and end after 60 s idle")
    private int workerPoolMaxSize = 20;

    private SharedClients sharedClients;
    private final ProducerChecks producerChecks = new ProducerChecks();
    private volatile ProducerThreads producerThreads;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException(
                    "eventbus endpoint needs a topic: eventbus:<topic>[?options] (was " + uri + ")");
        }
        EventBusConfiguration config = configuration.copy();
        config.setTopic(remaining);
        EventBusEndpoint endpoint = new EventBusEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public EventBusConfiguration getConfiguration() {
        return configuration;
    }

    /** The defaults of every endpoint. */
    public void setConfiguration(EventBusConfiguration configuration) {
        this.configuration = configuration;
    }

    public ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    /** The Jackson ObjectMapper for payload objects. */
    public void setObjectMapper(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public int getWorkerPoolMaxSize() {
        return workerPoolMaxSize;
    }

    /** Threads of the default worker pool shared by the component's producers. */
    public void setWorkerPoolMaxSize(int workerPoolMaxSize) {
        this.workerPoolMaxSize = workerPoolMaxSize;
    }

    /** The default worker pool and the publish timer of this component's producers, created on first use. */
    ProducerThreads producerThreads() {
        ProducerThreads threads = producerThreads;
        if (threads == null) {
            synchronized (this) {
                threads = producerThreads;
                if (threads == null) {
                    threads = new ProducerThreads(CamelThreadPools.of(getCamelContext()), workerPoolMaxSize);
                    producerThreads = threads;
                }
            }
        }
        return threads;
    }

    synchronized ObjectMapper objectMapper() {
        if (objectMapper == null) {
            objectMapper = defaultObjectMapper();
        }
        return objectMapper;
    }

    /**
     * The documented default payload mapping. Modules are named, not discovered, so the bytes do not depend on what
     * else is on the classpath.
     */
    static ObjectMapper defaultObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                // reads payload classes that only have a constructor (Kotlin, Lombok, -parameters builds); writes nothing
                .addModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // an OffsetDateTime read back keeps the offset it was written with
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // payloads evolve: a field added by a newer producer must not fail older consumers
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The health checks of the shared broker clients of this component's producers. */
    ProducerChecks producerChecks() {
        return producerChecks;
    }

    /** Broker clients (Kafka producers, NATS connections) shared by this component's endpoints. */
    synchronized SharedClients sharedClients() {
        if (sharedClients == null) {
            sharedClients = new SharedClients();
        }
        return sharedClients;
    }

    @Override
    protected void doStop() throws Exception {
        SharedClients clients;
        ProducerThreads threads;
        synchronized (this) {
            clients = sharedClients;
            sharedClients = null;
            threads = producerThreads;
            producerThreads = null;
        }
        if (clients != null) {
            clients.close();
        }
        if (threads != null) {
            threads.close();
        }
        super.doStop();
    }
}
