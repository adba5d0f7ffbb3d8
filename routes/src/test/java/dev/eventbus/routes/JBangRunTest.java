package dev.eventbus.routes;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code routes/jbang/orders.camel.yaml} with Camel JBang's {@code camel run} (camel-jbang-core 4.17.0, the
 * command camel-launcher wraps), as the README's JBang section does, with the component on the classpath instead of
 * {@code --dep}. The run stops itself after ten messages (five published, five consumed).
 */
class JBangRunTest {

    @Test
    void camelRunPublishesAndConsumesTheOrders() throws Exception {
        Path work = Files.createDirectories(Path.of("target/jbang"));
        Path output = work.resolve("camel-run.log");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JBangLauncher.class.getName(),
                "run", Path.of("jbang/orders.camel.yaml").toAbsolutePath().toString(),
                "--max-messages=10", "--property=orders.period=50", "--property=orders.count=5"))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        String log = String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        assertTrue(ended, "camel run did not stop after --max-messages=10:" + System.lineSeparator() + log);
        assertEquals(5, lines.stream().filter(l -> l.contains("consumed OrderPlaced of order-")).count(), log);
        assertEquals(5, lines.stream().filter(l -> l.contains("published order-")).count(), log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("Apache Camel (JBang) 4.17.0")), log);
        assertEquals(0, process.exitValue(), log);
        assertTrue(new File(work.toFile(), "camel-run.log").length() > 0);
    }
}
