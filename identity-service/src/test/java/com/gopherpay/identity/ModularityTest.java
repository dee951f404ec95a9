package com.gopherpay.identity;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is an application module. Verification fails on a dependency cycle between modules, on a
 * reference into another module's internals, and on a dependency that the module's {@code package-info} does not
 * allow: the web edge and the problem vocabulary know no feature; config, user and pages know none either.
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(IdentityApplication.class);

    @Test
    void modulesHaveNoCyclesAndOnlyAllowedDependencies() {
        modules.verify();
    }
}
