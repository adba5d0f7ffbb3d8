package dev.eventbus.camel.test.kafka;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.tooling.maven.MavenArtifact;
import org.apache.camel.tooling.maven.MavenDownloaderImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime classpath of the Kafka broker JVM that {@link KafkaTestBroker} forks, in this order:
 * <ol>
 *   <li>the file named by the system property {@value #CLASSPATH_FILE_PROPERTY} (one classpath line);</li>
 *   <li>else {@link #COORDINATES} resolved with their runtime dependencies by Camel's {@code MavenDownloader} (the
 *       resolver Camel JBang uses): from the local repository {@code ~/.m2/repository}, downloading from Maven
 *       Central what is missing (settings from {@code ~/.m2/settings.xml}).</li>
 * </ol>
 * Resolved once per JVM.
 */
public final class KafkaBrokerClasspath {

    /** System property naming a file that holds the broker JVM's classpath. */
    public static final String CLASSPATH_FILE_PROPERTY = "eventbus.kafka.broker.classpath";
    /** The broker and the logging binding of Kafka's own distribution ({@code libs/} of kafka_2.13-3.9.1.tgz). */
    public static final List<String> COORDINATES = List.of("org.apache.kafka:kafka_2.13:3.9.1",
            "org.slf4j:slf4j-reload4j:1.7.36");
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerClasspath.class);
    private static String resolved;

    private KafkaBrokerClasspath() {
    }

    /** The broker's classpath (entries separated by the platform's path separator). */
    public static synchronized String resolve() {
        if (resolved == null) {
            String override = System.getProperty(CLASSPATH_FILE_PROPERTY);
            resolved = override != null ? read(Path.of(override)) : download();
        }
        return resolved;
    }

    /** Where the kit's classes are (a jar or a classes directory): the broker JVM runs {@link KafkaBrokerMain}. */
    static Path kitLocation() {
        try {
            return Path.of(KafkaBrokerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Kafka broker classpath " + file + " (-D"
                    + CLASSPATH_FILE_PROPERTY + ")", e);
        }
    }

    static String download() {
        long begin = System.nanoTime();
        MavenDownloaderImpl downloader = new MavenDownloaderImpl();
        try {
            downloader.start();
            List<MavenArtifact> artifacts = downloader.resolveArtifacts(COORDINATES, Set.of(), true, false);
            String classpath = artifacts.stream().map(a -> a.getFile().getAbsolutePath())
                    .distinct().collect(Collectors.joining(File.pathSeparator));
            LOG.info("Kafka broker classpath resolved from {}: {} jars in {} ms", COORDINATES, artifacts.size(),
                    (System.nanoTime() - begin) / 1_000_000);
            return classpath;
        } catch (Exception e) {
            throw new IllegalStateException("cannot resolve the Kafka broker " + COORDINATES + " from the local Maven"
                    + " repository or Maven Central; set -D" + CLASSPATH_FILE_PROPERTY
                    + " to a file with its classpath", e);
        } finally {
            downloader.stop();
        }
    }
}
