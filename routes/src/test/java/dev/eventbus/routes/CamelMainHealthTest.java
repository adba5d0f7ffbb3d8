package dev.eventbus.routes;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * camel-main's health endpoint ({@code /observe/health} of its management HTTP server) shows the eventbus checks with nothing but
 * configuration: the consumer's readiness ({@code consumer:<routeId>}) and the stuck-event liveness check, which turns
 * the endpoint DOWN (503) while a route blocks past stuckEventTimeout and UP again once it is released.
 */
class CamelMainHealthTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theEventbusChecksAreInCamelMainsHealthEndpoint() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Main main = new Main();
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.port", Integer.toString(port));
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        main.addInitialProperty("camel.health.exposure-level", "full");
        main.addInitialProperty("camel.component.eventbus.stuck-event-timeout", "500");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:main-health?groupId=audit").routeId("audit")
                        .filter(body().contains("block")).process(e -> release.await(60, TimeUnit.SECONDS));
            }
        });
        try {
            main.start();
            URI health = URI.create("http://localhost:" + port + "/observe/health");
            await().atMost(20, TimeUnit.SECONDS).until(() -> get(health).statusCode() == 200);
            String up = get(health).body();
            assertTrue(up.contains("consumer:audit") && up.contains("eventbus-stuck:audit"), up);

            main.getCamelTemplate().sendBodyAndHeaders("eventbus:main-health", "{\"block\":true}",
                    Map.of(EventBusConstants.AGGREGATE_ID, "audit-3", EventBusConstants.EVENT_TYPE, "Audited",
                            EventBusConstants.EVENT_VERSION, 1L));
            await().atMost(20, TimeUnit.SECONDS).until(() -> get(health).statusCode() == 503);
            HttpResponse<String> down = get(health);
            assertTrue(down.body().contains("audit-3"), down.body());
            System.out.println("camel-main /observe/health while a route hangs:\n" + down.body());

            release.countDown();
            await().atMost(20, TimeUnit.SECONDS).until(() -> get(health).statusCode() == 200);
            assertEquals(200, get(health).statusCode());
        } finally {
            release.countDown();
            main.stop();
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
