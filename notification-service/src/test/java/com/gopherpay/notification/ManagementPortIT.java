package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health and metrics on the loopback management port. */
class ManagementPortIT {

    private final RunningService service = SharedService.service();

    @Test
    void exposesHealthAndPrometheusMetricsOnTheManagementPort() {
        HttpResponse<String> health = RunningService.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.managementUrl() + "/actuator/health"))
                        .build());
        HttpResponse<String> metrics = RunningService.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(service.managementUrl() + "/actuator/prometheus"))
                .build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("notification_messages_queued");
    }
}
