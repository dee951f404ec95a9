package com.gopherpay.notification;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is an application module; verification fails on a dependency cycle between them, on a
 * reference into another module's internals, and on a dependency its {@code package-info} does not allow (so the
 * web package cannot come to know a feature, nor delivery the trigger API).
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(NotificationServiceApplication.class);

    @Test
    void modulesHaveNoCyclesAndOnlyAllowedDependencies() {
        modules.verify();
    }
}
