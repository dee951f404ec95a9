package com.gopherpay.notification.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.notification.support.RunningService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A bad {@code notification.*} value stops the service at start-up, and what the operator reads (Spring Boot's
 * failure report) names the property, the value and the rule it breaks.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationIT {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabases.create("notification_config");
    }

    @Test
    void refusesToStartWithAnOutOfRangeNumberAndNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--notification.delivery.threads=0"))
                .hasStackTraceContaining("NotificationProperties");

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Property: notification.delivery.threads")
                .contains("Value: \"0\"")
                .contains("must be greater than or equal to 1");
    }

    @Test
    void refusesToStartWithAMalformedKeyHashAndNamesTheListElement(CapturedOutput output) {
        assertThatThrownBy(() -> start("--notification.api-keys[0].key-sha256=not-hex"))
                .hasStackTraceContaining("NotificationProperties");

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                // Spring names a property inside a list element by its Java path.
                .contains("Property: notification.apiKeys[0].keySha256")
                .contains("must be 64 hex characters (SHA-256)");
    }

    @Test
    void refusesToStartWithAnUnparsableDurationAndNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--notification.delivery.lease=two minutes"))
                .hasStackTraceContaining("NotificationProperties");

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("notification.delivery.lease")
                .contains("two minutes");
    }

    private static void start(String badArgument) {
        // Never returns a running service: the context fails while binding notification.*.
        RunningService.start(database, FreePorts.next(), badArgument).close();
    }
}
