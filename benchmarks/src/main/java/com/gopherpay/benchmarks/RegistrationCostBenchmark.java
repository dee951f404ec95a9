package com.gopherpay.benchmarks;

import com.gopherpay.benchmarks.chart.BarChart;
import com.gopherpay.localstack.LocalStack;
import com.gopherpay.localstack.LocalStackOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What one registration costs the database and Kafka, for docs/scaling.md: WAL bytes, transactions and row changes
 * in PostgreSQL (from {@code pg_current_wal_lsn()} and {@code pg_stat_database}, the embedded server having nothing
 * else to do), and the records and bytes it puts on each topic. PostgreSQL, Kafka and identity-service only; the
 * outbox is drained before the second reading, so the relay's work is included.
 */
final class RegistrationCostBenchmark implements Benchmarks.Benchmark {

    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @Override
    public void run(Options options, Results results) throws Exception {
        int count = options.integer("count", 500);
        int concurrency = options.integer("concurrency", 4);
        LocalStackOptions stackOptions =
                LocalStackOptions.forTests().withIdentityOnly().withIdentityProperties(StackRunner.UNLIMITED_RATE);
        try (LocalStack stack = LocalStack.start(stackOptions)) {
            Matcher port = PORT.matcher(stack.summary().get("PostgreSQL"));
            if (!port.find()) {
                throw new IllegalStateException("No PostgreSQL port in " + stack.summary());
            }
            Properties credentials = new Properties();
            credentials.setProperty("user", "postgres");
            try (Connection db = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port.group(1) + "/identity", credentials)) {
                Registrations registrations = new Registrations(stack.identityUrl(), "bench-cost");
                register(registrations, 50, concurrency); // warm-up: caches, JIT, first topic metadata
                drained(db);
                Reading before = read(db);
                register(registrations, count, concurrency);
                drained(db);
                Reading after = read(db);

                System.out.printf("%d registrations (after 50 unmeasured), concurrency %d%n", count, concurrency);
                System.out.printf(
                        "PostgreSQL per registration: %.0f bytes of WAL, %.2f commits, %.2f rows inserted, %.2f updated,"
                                + " %.2f deleted%n",
                        (double) (after.walBytes - before.walBytes) / count,
                        (double) (after.commits - before.commits) / count,
                        (double) (after.inserted - before.inserted) / count,
                        (double) (after.updated - before.updated) / count,
                        (double) (after.deleted - before.deleted) / count);
                List<String> byteCategories = new ArrayList<>(List.of("PostgreSQL WAL"));
                List<Double> bytes = new ArrayList<>(List.of((double) (after.walBytes - before.walBytes) / count));
                for (String topic : List.of("email-verification", "identity-events")) {
                    long[] sizes = topicBytes(stack.kafkaBootstrapServers(), topic);
                    double perRecord = sizes[0] == 0 ? 0.0 : (double) sizes[1] / sizes[0];
                    System.out.printf(
                            "Kafka %s: %d records for %d registrations, %.0f bytes each (key + value + headers)%n",
                            topic, sizes[0], count + 50, perRecord);
                    byteCategories.add("Kafka " + topic + " (per record)");
                    bytes.add(perRecord);
                }
                List<String> subtitle = results.subtitle(String.format(
                        "registration-cost: %d registrations after 50 unmeasured, concurrency %d", count, concurrency));
                results.chart(
                        "registration-cost-rows.svg",
                        new BarChart(
                                        "PostgreSQL work per registration",
                                        subtitle,
                                        List.of("commits", "rows inserted", "rows updated", "rows deleted"),
                                        "pg_stat_database of the embedded server",
                                        "per registration")
                                .add(
                                        "per registration",
                                        List.of(
                                                (double) (after.commits - before.commits) / count,
                                                (double) (after.inserted - before.inserted) / count,
                                                (double) (after.updated - before.updated) / count,
                                                (double) (after.deleted - before.deleted) / count)));
                results.chart(
                        "registration-cost-bytes.svg",
                        new BarChart(
                                        "Bytes written per registration",
                                        subtitle,
                                        byteCategories,
                                        "where (Kafka: key + value + headers)",
                                        "bytes")
                                .add("bytes", bytes));
            }
        }
    }

    private static void register(Registrations registrations, int count, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(pool.submit(() -> registrations.register(registrations.nextEmail())));
            }
            for (Future<Integer> answer : answers) {
                if (answer.get() != 201) {
                    throw new IllegalStateException("A registration was refused: " + answer.get());
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Waits until the outbox is empty: every record of the registrations so far is on Kafka. */
    private static void drained(Connection db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM identity.outbox")) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(100); // polling a benchmark's own precondition, not a test
        }
        throw new IllegalStateException("The outbox did not drain within 60 s");
    }

    private record Reading(long walBytes, long commits, long inserted, long updated, long deleted) {}

    private static Reading read(Connection db) throws Exception {
        // The statistics collector reports with a delay: force the current numbers.
        try (Statement statement = db.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn,"
                    + " xact_commit, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database"
                    + " WHERE datname = 'identity'")) {
                rows.next();
                return new Reading(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5));
            }
        }
    }

    /** {records, bytes} on the topic, from its start. */
    private static long[] topicBytes(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long records = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    bytes += (record.key() == null ? 0 : record.key().length) + record.value().length;
                    for (Header header : record.headers()) {
                        bytes += header.key().length() + header.value().length;
                    }
                }
            }
        }
        return new long[] {records, bytes};
    }
}
