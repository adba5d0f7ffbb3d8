import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rewrites the option and header tables of the component's user guide ({@code src/main/docs/eventbus-component.adoc})
 * from the catalog JSON that {@code camel-component-maven-plugin} generates, so the option text has one source: the
 * setter Javadoc and {@code @Metadata} of the component. camel-component-maven-plugin 4.17.0 has only the
 * {@code generate} goal (no {@code update-readme}; that one lives in the Camel-internal camel-package-maven-plugin and
 * expects Camel's own source tree), so this program does what Camel 3's {@code UpdateReadmeMojo} did: it replaces the
 * text between the marker comments
 * <ul>
 * <li>{@code // component options: START} / {@code // component options: END} (component options),</li>
 * <li>{@code // endpoint options: START} / {@code // endpoint options: END} (path and query parameters),</li>
 * <li>{@code // component headers: START} / {@code // component headers: END} (message headers),</li>
 * </ul>
 * in Camel's table layout (Name | Description | Default | Type). Everything outside the markers is hand-written.
 *
 * <p>Runs in the component's {@code process-classes} phase, after the catalog was generated, as a single-file program
 * ({@code java -cp <compile classpath> DocGenerator.java <catalog json> <adoc>}). The file is rewritten only when its
 * content changes; the result is committed.
 */
public class DocGenerator {

    static final String TABLE_HEAD = "[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n"
                                     + "| Name | Description | Default | Type\n";

    public static void main(String[] args) throws IOException {
        JsonNode catalog = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Path adoc = Path.of(args[1]);
        String before = Files.readString(adoc, StandardCharsets.UTF_8);
        String title = catalog.get("component").get("title").asText();
        String after = before;
        after = replace(after, "component options", componentOptions(title, catalog.get("componentProperties")));
        after = replace(after, "endpoint options", endpointOptions(title, catalog));
        after = replace(after, "component headers", headers(title, catalog.get("headers")));
        if (!after.equals(before)) {
            Files.writeString(adoc, after, StandardCharsets.UTF_8);
            System.out.println("DocGenerator: updated " + adoc);
        }
    }

    static String replace(String text, String marker, String body) {
        String start = "// " + marker + ": START\n";
        String end = "// " + marker + ": END";
        int s = text.indexOf(start);
        int e = text.indexOf(end);
        if (s < 0 || e < s) {
            throw new IllegalStateException("markers '" + start.trim() + "' / '" + end + "' not found in the adoc");
        }
        return text.substring(0, s + start.length()) + body + text.substring(e);
    }

    static String componentOptions(String title, JsonNode options) {
        StringBuilder b = new StringBuilder("== Component Options\n\n");
        b.append("The ").append(title).append(" component supports ").append(options.size())
                .append(" options, which are listed below.\n\n").append(TABLE_HEAD);
        options.properties().forEach(e -> row(b, e.getKey(), e.getValue()));
        return b.append("|===\n\n").toString();
    }

    static String endpointOptions(String title, JsonNode catalog) {
        JsonNode options = catalog.get("properties");
        StringBuilder b = new StringBuilder("== Endpoint Options\n\n");
        b.append("The ").append(title).append(" endpoint is configured using URI syntax:\n\n----\n")
                .append(catalog.get("component").get("syntax").asText()).append("\n----\n\n")
                .append("With the following path and query parameters:\n\n");
        long paths = count(options, "path");
        b.append("=== Path Parameters (").append(paths).append(" parameters)\n\n").append(TABLE_HEAD);
        options.properties().stream().filter(e -> "path".equals(e.getValue().path("kind").asText()))
                .forEach(e -> row(b, e.getKey(), e.getValue()));
        b.append("|===\n\n");
        b.append("=== Query Parameters (").append(options.size() - paths).append(" parameters)\n\n").append(TABLE_HEAD);
        options.properties().stream().filter(e -> !"path".equals(e.getValue().path("kind").asText()))
                .forEach(e -> row(b, e.getKey(), e.getValue()));
        return b.append("|===\n\n").toString();
    }

    static String headers(String title, JsonNode headers) {
        StringBuilder b = new StringBuilder("== Message Headers\n\n");
        b.append("The ").append(title).append(" component supports ").append(headers.size())
                .append(" message headers, which are listed below:\n\n")
                .append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> e : headers.properties()) {
            JsonNode h = e.getValue();
            String constant = h.path("constantName").asText();
            String group = h.path("group").asText("common");
            b.append("| *").append(e.getKey()).append("* (").append(group).append(")\n\nConstant: `")
                    .append(constant.substring(constant.indexOf('#') + 1)).append("` | ")
                    .append(cell(h.path("description").asText()))
                    .append(h.path("required").asBoolean() ? " *Required*" : "").append(" | ")
                    .append(cell(h.path("defaultValue").asText(""))).append(" | ")
                    .append(cell(h.path("javaType").asText())).append("\n");
        }
        return b.append("|===\n\n").toString();
    }

    static long count(JsonNode options, String kind) {
        return options.properties().stream().filter(e -> kind.equals(e.getValue().path("kind").asText())).count();
    }

    static void row(StringBuilder b, String name, JsonNode o) {
        StringBuilder description = new StringBuilder(o.path("description").asText());
        if (o.has("enum")) {
            List<String> values = new ArrayList<>();
            o.get("enum").forEach(v -> values.add(v.asText()));
            description.append(". There are ").append(values.size()).append(" enums and the value can be one of: ")
                    .append(String.join(", ", values));
        }
        b.append("| *").append(name).append("* (").append(o.path("group").asText()).append(") | ")
                .append(cell(description.toString()))
                .append(o.path("required").asBoolean() ? " *Required*" : "")
                .append(o.path("secret").asBoolean() ? " (secret)" : "").append(" | ")
                .append(cell(o.path("defaultValue").asText(""))).append(" | ")
                .append(cell(simpleType(o))).append("\n");
    }

    /** Camel's docs show the short Java type ({@code Duration}, {@code Map}, {@code ExecutorService}). */
    static String simpleType(JsonNode o) {
        String type = o.path("javaType").asText();
        int generic = type.indexOf('<');
        String raw = generic < 0 ? type : type.substring(0, generic);
        String simple = raw.substring(raw.lastIndexOf('.') + 1).replace('$', '.');
        return generic < 0 ? simple : simple + type.substring(generic).replaceAll("[a-z0-9_.]+\\.([A-Z])", "$1");
    }

    /** Escapes a value for an AsciiDoc table cell. */
    static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
