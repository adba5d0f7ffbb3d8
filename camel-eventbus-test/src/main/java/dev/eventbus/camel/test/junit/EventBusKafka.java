package dev.eventbus.camel.test.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class with {@link KafkaBrokerExtension}: a real broker shared by the test JVM, injected into fields and
 * parameters of type {@code KafkaBroker}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaBrokerExtension.class)
public @interface EventBusKafka {

    /**
     * Also set {@code camel.component.eventbus.transport=kafka} and {@code camel.component.eventbus.brokers} as system
     * properties while the class runs (camel-main and Spring Boot tests bind them; put this annotation before
     * {@code @CamelMainTest} / {@code @SpringBootTest}).
     */
    boolean systemProperties() default false;
}
