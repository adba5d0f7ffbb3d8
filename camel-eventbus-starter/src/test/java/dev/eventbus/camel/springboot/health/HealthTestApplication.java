package dev.eventbus.camel.springboot.health;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application with one eventbus consumer whose route blocks on events marked "block" until released. */
@SpringBootApplication
public class HealthTestApplication {

    /** Released by the test; blocked events wait for it. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Bean
    public RouteBuilder billing() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:health-invoices?groupId=billing").routeId("billing")
                        .filter(body().contains("block")).process(e -> RELEASE.await(60, TimeUnit.SECONDS));
            }
        };
    }
}
