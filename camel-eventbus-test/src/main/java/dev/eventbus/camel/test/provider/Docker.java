package dev.eventbus.camel.test.provider;

import java.lang.reflect.Method;

/**
 * Whether Testcontainers is on the classpath and finds a Docker engine. Asked reflectively, so the kit works without
 * Testcontainers; the answer is computed once per JVM.
 */
public final class Docker {

    private static final String FACTORY = "org.testcontainers.DockerClientFactory";
    private static volatile Boolean available;

    private Docker() {
    }

    /** True when {@code DockerClientFactory.instance().isDockerAvailable()} says so; false without Testcontainers. */
    public static boolean isAvailable() {
        Boolean known = available;
        if (known == null) {
            known = ask(FACTORY);
            available = known;
        }
        return known;
    }

    /** Whether the Testcontainers class {@code factoryClass} is present and reports a Docker engine. */
    static boolean ask(String factoryClass) {
        try {
            Class<?> factory = Class.forName(factoryClass, true, Docker.class.getClassLoader());
            Object instance = factory.getMethod("instance").invoke(null);
            Method check = factory.getMethod("isDockerAvailable");
            return Boolean.TRUE.equals(check.invoke(instance));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
