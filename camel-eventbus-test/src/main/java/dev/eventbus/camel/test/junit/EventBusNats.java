package dev.eventbus.camel.test.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class with {@link NatsServerExtension}: a real broker shared by the test JVM, injected into fields and
 * parameters of type {@code NatsServer}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NatsServerExtension.class)
public @interface EventBusNats {

    /**
     * Also set {@code camel.component.eventbus.transport=nats} and {@code camel.component.eventbus.servers} as system
     * properties while the class runs (camel-main and Spring Boot tests bind them; put this annotation before
     * {@code @CamelMainTest} / {@code @SpringBootTest}).
     */
    boolean systemProperties() default false;
}
