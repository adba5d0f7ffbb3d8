package dev.eventbus.camel;

import java.util.List;

import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

import dev.eventbus.camel.transport.PartitionStatus;

/** A subscription's partitions as JMX open data (one row per partition), for {@link EventBusConsumerMBean}. */
final class PartitionTable {

    private static final String[] ITEMS = {"partition", "committedOffset", "completedOffset", "lag", "paused"};
    private static final CompositeType ROW;
    private static final TabularType TABLE;

    static {
        try {
            ROW = new CompositeType("EventBusPartition", "One partition of an eventbus subscription", ITEMS,
                    new String[]{
                            "Partition number",
                            "Offset the group resumes from after a restart; -1 when unknown",
                            "Offset below which every delivered record completed; -1 when unknown",
                            "Records on the broker not yet fetched; -1 when unknown",
                            "Whether fetching from this partition is paused"},
                    new OpenType<?>[]{SimpleType.INTEGER, SimpleType.LONG, SimpleType.LONG, SimpleType.LONG,
                            SimpleType.BOOLEAN});
            TABLE = new TabularType("EventBusPartitions", "Partitions of an eventbus subscription", ROW,
                    new String[]{"partition"});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private PartitionTable() {
    }

    static TabularData of(List<PartitionStatus> partitions) {
        TabularDataSupport table = new TabularDataSupport(TABLE);
        for (PartitionStatus p : partitions) {
            try {
                table.put(new CompositeDataSupport(ROW, ITEMS, new Object[]{p.partition(), p.committedOffset(),
                        p.completedOffset(), p.lag(), p.paused()}));
            } catch (OpenDataException e) {
                throw new IllegalStateException(e);
            }
        }
        return table;
    }
}
