package dev.eventbus.camel.springboot;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.converter.GenericConverter.ConvertiblePair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The starter and the component's catalog JSON stay in step: every component option is a property of
 * {@link EventBusComponentConfiguration} and of the Spring Boot metadata (written by the configuration processor) with
 * the same name, Java type (primitives boxed), default and description, with no extra property, every enum option has
 * value hints, and every object option converts from a {@code #bean:} reference.
 */
class StarterCatalogTest {

    private static final String PREFIX = "camel.component.eventbus.";
    /** Properties of every Camel starter that are not component options. */
    private static final Set<String> STARTER_PROPERTIES = Set.of("enabled", "customizer.enabled");
    private static final Map<String, String> BOXED = Map.of("int", "java.lang.Integer", "long", "java.lang.Long",
            "boolean", "java.lang.Boolean", "double", "java.lang.Double", "float", "java.lang.Float",
            "short", "java.lang.Short");

    private static Map<String, JsonNode> options;
    private static Map<String, JsonNode> properties;
    private static Map<String, JsonNode> hints;

    @BeforeAll
    static void read() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = StarterCatalogTest.class.getClassLoader()
                .getResourceAsStream("META-INF/dev/eventbus/camel/eventbus.json")) {
            assertNotNull(in, "catalog JSON of camel-eventbus on the classpath");
            options = new LinkedHashMap<>();
            // an option typed Object (meterRegistry, whose type is in an optional dependency) is no starter property:
            // the component finds the application's bean itself
            mapper.readTree(in).get("componentProperties").properties().forEach(e -> {
                if (!"java.lang.Object".equals(e.getValue().path("javaType").asText())) {
                    options.put(e.getKey(), e.getValue());
                }
            });
        }
        Path classes = Path.of(EventBusComponentConfiguration.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        JsonNode metadata = mapper.readTree(Files.readString(
                classes.resolve("META-INF/spring-configuration-metadata.json")));
        properties = new LinkedHashMap<>();
        metadata.get("properties").forEach(p -> properties.put(p.get("name").asText(), p));
        hints = new LinkedHashMap<>();
        metadata.path("hints").forEach(h -> hints.put(h.get("name").asText(), h));
    }

    @Test
    void everyOptionIsAPropertyWithTheSameTypeDefaultAndDescription() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : options.entrySet()) {
            String name = e.getKey();
            JsonNode option = e.getValue();
            String type = BOXED.getOrDefault(option.get("javaType").asText(), option.get("javaType").asText());
            JsonNode property = properties.get(PREFIX + kebab(name));
            if (property == null) {
                mismatches.add(name + ": no property " + PREFIX + kebab(name));
                continue;
            }
            check(mismatches, name, "type", noSpaces(type), noSpaces(property.path("type").asText()));
            check(mismatches, name, "description", option.path("description").asText(""),
                    property.path("description").asText(""));
            check(mismatches, name, "default", normalized(option.get("defaultValue")),
                    normalized(property.get("defaultValue")));
            Field field = EventBusComponentConfiguration.class.getDeclaredField(name);
            check(mismatches, name, "field type", noSpaces(type), noSpaces(field.getGenericType().getTypeName()));
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void noPropertyWithoutAComponentOption() {
        Set<String> extra = new TreeSet<>();
        for (String property : properties.keySet()) {
            String name = property.substring(PREFIX.length());
            if (!STARTER_PROPERTIES.contains(name)
                    && options.keySet().stream().noneMatch(option -> kebab(option).equals(name))) {
                extra.add(property);
            }
        }
        assertEquals(Set.of(), extra);
        assertEquals(options.size() + STARTER_PROPERTIES.size(), properties.size());
    }

    @Test
    void everyEnumOptionHasItsValuesAsHints() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        options.forEach((name, option) -> {
            if (option.has("enum")) {
                List<String> values = new ArrayList<>();
                option.get("enum").forEach(v -> values.add(v.asText()));
                expected.put(PREFIX + kebab(name), values);
            }
        });
        hints.forEach((name, hint) -> {
            List<String> values = new ArrayList<>();
            hint.get("values").forEach(v -> values.add(v.get("value").asText()));
            actual.put(name, values);
        });
        assertTrue(expected.containsKey(PREFIX + "transport"), "transport is an enum option");
        assertEquals(expected, actual);
    }

    @Test
    void everyObjectOptionConvertsFromABeanReference() {
        Set<String> expected = new LinkedHashSet<>();
        options.values().forEach(option -> {
            String javaType = option.get("javaType").asText();
            if ("object".equals(option.get("type").asText()) && !javaType.startsWith("java.util.Map")) {
                expected.add(javaType.replaceAll("<.*", ""));
            }
        });
        Set<String> actual = new LinkedHashSet<>();
        for (ConvertiblePair pair : new EventBusComponentConverter().getConvertibleTypes()) {
            assertEquals(String.class, pair.getSourceType());
            actual.add(pair.getTargetType().getName());
        }
        assertTrue(actual.contains("com.fasterxml.jackson.databind.ObjectMapper"));
        assertTrue(actual.contains("org.apache.camel.support.jsse.SSLContextParameters"));
        assertEquals(expected, actual);
    }

    private static void check(List<String> mismatches, String option, String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            mismatches.add(option + ": " + what + " is " + actual + ", catalog says " + expected);
        }
    }

    /** A default as text; numbers by value (catalog "2.0" and metadata 2 are the same default). */
    private static String normalized(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText();
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        }
        return text;
    }

    private static String noSpaces(String type) {
        return type.replace(" ", "");
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
