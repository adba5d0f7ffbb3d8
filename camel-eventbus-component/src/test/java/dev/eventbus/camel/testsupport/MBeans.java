package dev.eventbus.camel.testsupport;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the eventbus consumer and producer MBeans Camel's JMX agent registers, as a JMX client would. */
public final class MBeans {

    /** Every attribute of an eventbus consumer's MBean. */
    public static final String[] CONSUMER_ATTRIBUTES = {"Transport", "Topic", "GroupId", "Concurrency", "LanesBusy",
            "InFlight", "PeakInFlight", "Processed", "DuplicatesSkipped", "Redeliveries", "DeadLettered", "Released",
            "Resequenced", "StaleSkipped", "Deferred", "Replayed", "DeadLetterFailures", "DeadLetterStuck",
            "PollFailures", "CompletionFailures", "SubscriptionState", "Connected", "Servers", "Lag",
            "PausedPartitions", "Partitions"};
    /** Every attribute of an eventbus producer's MBean. */
    public static final String[] PRODUCER_ATTRIBUTES = {"Transport", "Topic", "EventsPublished", "PublishFailures",
            "InFlightPublishes"};

    private MBeans() {
    }

    /** The eventbus MBean of {@code type} (consumers, producers) of the route {@code routeId}. */
    public static ObjectName find(MBeanServer server, String type, String routeId) throws Exception {
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:context=*,type=" + type + ",*"),
                null);
        for (ObjectName name : names) {
            if (name.getKeyProperty("name").startsWith("EventBus")
                    && routeId.equals(server.getAttribute(name, "RouteId"))) {
                return name;
            }
        }
        throw new AssertionError("no eventbus MBean of type " + type + " for route " + routeId + " in " + names);
    }

    public static void assertHasAttributes(MBeanServer server, ObjectName name, String... expected) throws Exception {
        Set<String> present = new HashSet<>();
        for (MBeanAttributeInfo info : server.getMBeanInfo(name).getAttributes()) {
            present.add(info.getName());
        }
        for (String attribute : expected) {
            assertTrue(present.contains(attribute), attribute + " missing from " + name + ": " + present);
        }
    }

    /** The consumer's {@code Partitions} attribute, by partition number. */
    public static Map<Integer, CompositeData> partitions(MBeanServer server, ObjectName consumer) throws Exception {
        TabularData table = (TabularData) server.getAttribute(consumer, "Partitions");
        Map<Integer, CompositeData> rows = new HashMap<>();
        for (Object row : table.values()) {
            CompositeData data = (CompositeData) row;
            rows.put((Integer) data.get("partition"), data);
        }
        return rows;
    }
}
