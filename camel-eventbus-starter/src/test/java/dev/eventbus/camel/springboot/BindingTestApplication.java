package dev.eventbus.camel.springboot;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application with two eventbus consumers and the beans the binding tests refer to by name. */
@SpringBootApplication
public class BindingTestApplication {

    /** The consumer that takes every option from camel.component.eventbus.*. */
    public static final String DEFAULTS_ROUTE = "component-defaults";
    /** The consumer whose URI sets maxInFlight and a header filter strategy (a Spring bean) itself. */
    public static final String OVERRIDE_ROUTE = "endpoint-override";

    @Bean
    public ObjectMapper eventsMapper() {
        return new ObjectMapper();
    }

    @Bean
    public SSLContextParameters natsTls() {
        return new SSLContextParameters();
    }

    @Bean
    public HeaderFilterStrategy strictHeaders() {
        return new DefaultHeaderFilterStrategy();
    }

    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService eventsWorkers() {
        return Executors.newSingleThreadExecutor();
    }

    @Bean
    public RouteBuilder consumers() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:invoices?groupId=billing").routeId(DEFAULTS_ROUTE).setBody(constant("applied"));
                from("eventbus:orders?groupId=projection&maxInFlight=55&headerFilterStrategy=#bean:strictHeaders")
                        .routeId(OVERRIDE_ROUTE)
                        .setBody(constant("applied"));
            }
        };
    }
}
