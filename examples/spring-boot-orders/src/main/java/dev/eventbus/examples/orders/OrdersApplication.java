package dev.eventbus.examples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service on the eventbus: a timer publishes order events, a YAML route ({@code classpath:camel/})
 * projects them into the {@link OrderBook}. Everything else is {@code application.yml}: the transport is memory by
 * default, Kafka with the profile {@code kafka}, NATS JetStream with {@code nats}.
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
