package dev.eventbus.examples.orders;

import java.util.concurrent.CompletableFuture;

import dev.eventbus.camel.test.kafka.KafkaTestBroker;
import dev.eventbus.camel.test.nats.NatsTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The whole service ({@link OrdersApplication}, its application.yml and YAML route) under test; subclasses pick the
 * profiles. Each test class gets its own context, closed after the class. The first test class to load starts the
 * shared Kafka broker and nats-server of the test support in the background, so their start overlaps the Spring
 * contexts of the tests before the broker tests; those still ask {@link KafkaTestBroker#shared()} and
 * {@link NatsTestServer#url()}, which wait for the start (or repeat its failure).
 */
@CamelSpringBootTest
@SpringBootTest(classes = OrdersApplication.class)
@DirtiesContext
abstract class OrdersServiceTest {

    static {
        CompletableFuture.runAsync(KafkaTestBroker::shared);
        CompletableFuture.runAsync(NatsTestServer::url);
    }

    @Autowired
    protected CamelContext context;
    @Autowired
    protected ProducerTemplate template;
    @Autowired
    protected OrderBook orderBook;
}
