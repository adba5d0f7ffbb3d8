package dev.eventbus.routes;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * camel-main serves the eventbus dev console over HTTP (camel-console and camel-platform-http-main on the classpath,
 * the properties the user guide's "Dev console" section gives) while the JBang routes run on the memory transport.
 */
class DevConsoleHttpTest {

    @Test
    void theEventbusConsoleIsServedAtQDev() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + Path.of("jbang/orders.camel.yaml").toAbsolutePath());
        main.addInitialProperty("orders.period", "10");
        main.addInitialProperty("orders.count", "5");
        main.addInitialProperty("camel.main.devConsoleEnabled", "true");
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.devConsoleEnabled", "true");
        main.addInitialProperty("camel.management.port", String.valueOf(port));
        main.start();
        try {
            NotifyBuilder consumed = new NotifyBuilder(main.getCamelContext()).fromRoute("project-orders")
                    .whenCompleted(5).create();
            assertTrue(consumed.matches(30, TimeUnit.SECONDS), "5 events consumed");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> text = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/dev/eventbus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, text.statusCode(), text.body());
            assertTrue(text.body().contains("Route Id: project-orders"), text.body());
            assertTrue(text.body().contains("Transport: memory"), text.body());
            HttpResponse<String> json = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/dev/eventbus"))
                            .header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, json.statusCode(), json.body());
            assertTrue(json.body().contains("\"routeId\":\"project-orders\""), json.body());
            assertTrue(json.body().contains("\"processed\":5"), json.body());
        } finally {
            main.stop();
        }
    }
}
