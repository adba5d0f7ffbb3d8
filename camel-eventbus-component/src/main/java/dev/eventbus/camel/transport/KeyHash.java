package dev.eventbus.camel.transport;

/** Stable key hashing for partition selection (FNV-1a over the key's characters); the same key always maps alike. */
public final class KeyHash {

    private KeyHash() {
    }

    /** The partition in {@code [0, partitions)} for {@code key}; a null key maps to partition 0. */
    public static int partition(String key, int partitions) {
        if (key == null || partitions <= 1) {
            return 0;
        }
        int h = 0x811c9dc5;
        for (int i = 0, n = key.length(); i < n; i++) {
            h ^= key.charAt(i);
            h *= 0x01000193;
        }
        return Math.floorMod(h, partitions);
    }
}
