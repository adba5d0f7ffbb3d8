package dev.eventbus.camel.test.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * What the Kafka and NATS extensions share: the broker of type {@code B} (one per test JVM) goes into fields of that
 * type that are still null (static ones before all tests, instance ones when the instance is created) and into test,
 * lifecycle and constructor parameters of that type; optionally it is published as {@code camel.component.eventbus.*}
 * system properties for the test class (restored after it), which camel-main and Spring Boot bind.
 */
abstract class BrokerExtension<B>
        implements
            BeforeAllCallback,
            AfterAllCallback,
            TestInstancePostProcessor,
            ParameterResolver {

    private final Class<B> type;
    private boolean systemProperties;

    BrokerExtension(Class<B> type) {
        this.type = type;
    }

    /** The shared broker, started on first use. */
    public abstract B broker();

    /** The {@code camel.component.eventbus.*} properties that point the component at {@code broker}. */
    abstract Map<String, String> properties(B broker);

    /** Whether the test class asked for system properties (its annotation). */
    abstract boolean annotatedForSystemProperties(Class<?> testClass);

    /** Also sets the {@code camel.component.eventbus.*} system properties for the test class. */
    void enableSystemProperties() {
        this.systemProperties = true;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        B broker = broker();
        Class<?> testClass = context.getRequiredTestClass();
        inject(testClass, null, broker);
        if (systemProperties || annotatedForSystemProperties(testClass)) {
            Map<String, String> previous = new HashMap<>();
            properties(broker).forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
            context.getStore(ExtensionContext.Namespace.create(getClass(), testClass)).put("previous", previous);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Map<String, String> previous = context.getStore(ExtensionContext.Namespace.create(getClass(), testClass))
                .remove("previous", Map.class);
        if (previous != null) {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        inject(testInstance.getClass(), testInstance, broker());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker();
    }

    /** Sets the null, non-final fields of type {@code B} (static ones when {@code instance} is null). */
    private void inject(Class<?> testClass, Object instance, B broker) throws IllegalAccessException {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (field.getType() == type && !Modifier.isFinal(modifiers)
                        && Modifier.isStatic(modifiers) == (instance == null)) {
                    field.setAccessible(true);
                    if (field.get(instance) == null) {
                        field.set(instance, broker);
                    }
                }
            }
        }
    }
}
