package dev.eventbus.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.TransportType;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routes the README gives to Camel JBang ({@code routes/jbang/}) and Camel K ({@code routes/camel-k/}) are run
 * with camel-main, the runtime both use, exactly as written, so the docs cannot rot.
 */
class RuntimeDocsTest {

    static final Path JBANG_ROUTES = Path.of("jbang/orders.camel.yaml");

    @Test
    void theJBangRoutesPublishAndConsumeOnTheMemoryTransport() throws Exception {
        runAndConsume(JBANG_ROUTES, Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "nats"})
    void theCamelKIntegrationRunsTheJBangRoutesWithItsTransport(String transport, @TempDir Path dir) throws Exception {
        Map<String, Object> integration = yaml(Path.of("camel-k/orders-" + transport + ".yaml"));
        assertEquals("Integration", integration.get("kind"));
        Map<?, ?> spec = (Map<?, ?>) integration.get("spec");
        assertEquals(yaml(JBANG_ROUTES, List.class), spec.get("flows"), "the Integration's flows are the JBang file's");
        assertTrue(((List<?>) spec.get("dependencies")).stream()
                .anyMatch(d -> d.toString().startsWith("mvn:dev.eventbus:camel-eventbus:")), spec.toString());
        Properties properties = new Properties();
        for (Object line : (List<?>) ((Map<?, ?>) ((Map<?, ?>) spec.get("traits")).get("camel")).get("properties")) {
            String[] kv = line.toString().split("=", 2);
            properties.setProperty(kv[0], kv[1]);
        }

        // the trait's properties bind to the component (without the routes: there is no cluster broker here)
        Main main = main(null, properties);
        main.start();
        try {
            EventBusComponent component = main.getCamelContext().getComponent("eventbus", EventBusComponent.class);
            assertEquals(TransportType.valueOf(transport), component.getConfiguration().getTransport());
            String address = transport.equals("kafka") ? component.getConfiguration().getBrokers()
                    : component.getConfiguration().getServers();
            assertTrue(properties.containsValue(address), address);
        } finally {
            main.stop();
        }

        // and the flows, written out as they are, run on the memory transport
        Path flows = dir.resolve("flows.camel.yaml");
        Files.writeString(flows, new org.snakeyaml.engine.v2.api.Dump(
                org.snakeyaml.engine.v2.api.DumpSettings.builder().build()).dumpToString(spec.get("flows")));
        runAndConsume(flows, Map.of());
    }

    private static void runAndConsume(Path routes, Map<String, String> extra) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("orders.period", "10");
        properties.setProperty("orders.count", "20");
        extra.forEach(properties::setProperty);
        Main main = main(routes, properties);
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            NotifyBuilder consumed = new NotifyBuilder(context).fromRoute("project-orders").whenCompleted(20).create();
            assertTrue(consumed.matches(30, TimeUnit.SECONDS), "20 events consumed");
        } finally {
            main.stop();
        }
    }

    private static Main main(Path routes, Properties properties) {
        Main main = new Main();
        if (routes == null) {
            main.configure().setRoutesCollectorEnabled(false);
        } else {
            main.configure().withRoutesIncludePattern("file:" + routes.toAbsolutePath());
        }
        properties.forEach((k, v) -> main.addInitialProperty(k.toString(), v.toString()));
        return main;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws Exception {
        return yaml(file, Map.class);
    }

    private static <T> T yaml(Path file, Class<T> type) throws Exception {
        return type.cast(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)));
    }
}
