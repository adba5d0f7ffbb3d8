package dev.eventbus.camel.test.provider;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Picks the {@link Provider} of a broker, in this order:
 * <ol>
 *   <li>the system property {@value #PROVIDER_PROPERTY} ({@code remote}, {@code testcontainers} or {@code local}),
 *       when set, forces one;</li>
 *   <li>the broker's environment variable (e.g. {@code EVENTBUS_KAFKA_BOOTSTRAP_SERVERS}) set and not blank:
 *       {@link Provider#REMOTE};</li>
 *   <li>Testcontainers on the classpath and a Docker engine answering: {@link Provider#TESTCONTAINERS};</li>
 *   <li>else {@link Provider#LOCAL}.</li>
 * </ol>
 */
public final class ProviderSelection {

    /** System property forcing a provider: {@code remote}, {@code testcontainers} or {@code local}. */
    public static final String PROVIDER_PROPERTY = "eventbus.test.provider";

    private ProviderSelection() {
    }

    /** The provider for a broker whose remote address is in the environment variable {@code env}. */
    public static Provider select(String env) {
        return select(System.getProperty(PROVIDER_PROPERTY), System.getenv(env), Docker::isAvailable);
    }

    /**
     * The provider given a forced choice ({@code null} for none), the environment variable's value ({@code null} when
     * unset) and whether a Docker engine answers (asked only when needed).
     */
    public static Provider select(String forced, String remote, BooleanSupplier dockerAvailable) {
        if (forced != null && !forced.isBlank()) {
            Provider provider = Provider.valueOf(forced.trim().toUpperCase(Locale.ROOT));
            if (provider == Provider.REMOTE && (remote == null || remote.isBlank())) {
                throw new IllegalStateException(PROVIDER_PROPERTY + "=remote but the broker's environment variable is"
                        + " not set");
            }
            return provider;
        }
        if (remote != null && !remote.isBlank()) {
            return Provider.REMOTE;
        }
        return dockerAvailable.getAsBoolean() ? Provider.TESTCONTAINERS : Provider.LOCAL;
    }
}
