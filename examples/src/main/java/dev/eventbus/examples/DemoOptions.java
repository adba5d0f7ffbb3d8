package dev.eventbus.examples;

/** Command-line options of the order-events demo: {@code --name=value} pairs. */
record DemoOptions(int events, int aggregates, int payloadBytes, int batch, int rate, int concurrency, int warmup,
        long timeoutSeconds, int publishers, String transport, String brokers, String topic, String metrics,
        int rounds, String charts, String profile) {

    static DemoOptions parse(String[] args) {
        java.util.Map<String, String> given = new java.util.HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg + "\n" + usage());
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        boolean bench = "bench".equals(given.getOrDefault("mode", "demo"));
        String transport = given.getOrDefault("transport", "memory");
        if (!java.util.Set.of("memory", "kafka", "nats").contains(transport)) {
            throw new IllegalArgumentException(
                    "--transport must be memory, kafka or nats (was " + transport + ")\n" + usage());
        }
        String brokers = given.getOrDefault("brokers", switch (transport) {
            case "kafka" -> "localhost:9092";
            case "nats" -> "nats://localhost:4222";
            default -> "";
        });
        // a broker keeps earlier runs' events: a fresh topic per run keeps the counts of this run exact
        String topic = given.getOrDefault("topic", "memory".equals(transport) ? "orders"
                : "orders-demo-" + System.currentTimeMillis());
        String metrics = given.getOrDefault("metrics", "false");
        if (!java.util.Set.of("true", "false", "both").contains(metrics)) {
            throw new IllegalArgumentException(
                    "--metrics must be true, false or both (was " + metrics + ")\n" + usage());
        }
        DemoOptions options = new DemoOptions(
                intOption(given, "events", 100_000), intOption(given, "aggregates", 1_000),
                intOption(given, "payload-bytes", 1024), intOption(given, "batch", 100), intOption(given, "rate", 0),
                intOption(given, "concurrency", 16), intOption(given, "warmup", bench ? 100_000 : 0),
                intOption(given, "timeout-seconds", 300), intOption(given, "publishers", 2), transport, brokers, topic,
                metrics,
                intOption(given, "rounds", 1), given.get("charts"), given.get("profile"));
        given.keySet().removeAll(java.util.Set.of("mode", "events", "aggregates", "payload-bytes", "batch", "rate",
                "concurrency", "warmup", "timeout-seconds", "publishers", "transport", "brokers", "topic", "metrics",
                "rounds", "charts", "profile"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + given.keySet() + "\n" + usage());
        }
        return options;
    }

    private static int intOption(java.util.Map<String, String> given, String name, int defaultValue) {
        String value = given.get(name);
        return value == null ? defaultValue : Integer.parseInt(value.replace("_", ""));
    }

    /** The same options with another event count and no warm-up. */
    DemoOptions withEvents(int count) {
        return new DemoOptions(count, aggregates, payloadBytes, batch, rate, concurrency, 0, timeoutSeconds, publishers,
                transport, brokers, "memory".equals(transport) ? topic : topic + "-warmup", metrics, rounds,
                null, null);
    }

    /** The same options on a topic of its own (a broker keeps earlier runs' events). */
    DemoOptions withTopic(String suffix) {
        return "memory".equals(transport) ? this
                : new DemoOptions(events, aggregates, payloadBytes, batch, rate, concurrency, warmup, timeoutSeconds,
                        publishers, transport, brokers, topic + suffix, metrics, rounds, charts, profile);
    }

    static String usage() {
        return """
                options (all optional):
                  --events=100000        events to publish
                  --aggregates=1000      orders the events are spread over (versions 1..events/aggregates each)
                  --payload-bytes=1024   size of each payload
                  --batch=100            events per publish (a List body is one batch); 1 publishes one by one
                  --rate=0               events per second to pace publishing at (all publishers), 0 = as fast as possible
                  --publishers=2         publishing threads; each owns a share of the orders, so per-order order holds
                  --concurrency=16       keyed lanes of the consumer route
                  --mode=demo|bench      bench adds a 100,000-event warm-up run first (see --warmup)
                  --warmup=N             events of an unmeasured warm-up run
                  --timeout-seconds=300  give up waiting for the consumer after this long
                  --transport=memory     memory, kafka or nats
                  --brokers=ADDRESS      kafka: bootstrap servers (default localhost:9092);
                                         nats: server URLs (default nats://localhost:4222)
                  --topic=NAME           topic (default orders; on a broker orders-demo-<millis>, fresh per run)
                  --metrics=false        true: bind a Micrometer SimpleMeterRegistry (found by the component in the
                                         Camel registry) and print the eventbus meters at the end; both: run the
                                         measured run without and with it, --rounds times each, alternating
                  --rounds=1             measured runs per setting with --metrics=both
                  --charts=DIR           write <transport>-demo-throughput.png and -latency.png there (XChart)
                  --profile=FILE.html    CPU flame graph of the measured run (async-profiler), top frames printed""";
    }
}
