package com.gopherpay.identity.kafka;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code kafka} in {@code /actuator/health}: UP when the cluster answers a description request in time. */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;
    private final KafkaProperties kafka;

    KafkaHealthIndicator(Admin admin, KafkaProperties kafka) {
        super("Kafka is unreachable");
        this.admin = admin;
        this.kafka = kafka;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int timeout = (int) kafka.adminTimeout().toMillis();
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout));
        int nodes = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("nodes", nodes).withDetail("topic", kafka.topic());
    }
}
