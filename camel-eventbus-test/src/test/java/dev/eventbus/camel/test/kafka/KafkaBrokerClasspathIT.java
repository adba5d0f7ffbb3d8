package dev.eventbus.camel.test.kafka;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker classpath comes from Maven coordinates, not from a file of this repository. */
class KafkaBrokerClasspathIT {

    @Test
    void resolvesTheBrokerAndItsRuntimeDependenciesFromMavenCoordinates() {
        List<String> entries = Arrays.asList(KafkaBrokerClasspath.download().split(File.pathSeparator));

        assertTrue(entries.stream().allMatch(e -> Files.isRegularFile(Path.of(e))), entries::toString);
        for (String jar : List.of("kafka_2.13-3.9.1.jar", "kafka-server-3.9.1.jar", "kafka-metadata-3.9.1.jar",
                "kafka-clients-3.9.1.jar", "scala-library-", "slf4j-reload4j-1.7.36.jar", "reload4j-")) {
            assertTrue(entries.stream().anyMatch(e -> Path.of(e).getFileName().toString().startsWith(jar)),
                    jar + " missing from " + entries);
        }
    }
}
