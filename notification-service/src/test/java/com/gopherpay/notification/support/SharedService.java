package com.gopherpay.notification.support;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabases;

/**
 * One running service with its own database and SMTP server for all integration tests that don't need to break
 * or restart anything, so the Spring context starts once per test JVM.
 */
public final class SharedService {

    private static RunningService service;
    private static Mailbox mailbox;

    private SharedService() {}

    public static synchronized RunningService service() {
        start();
        return service;
    }

    public static synchronized Mailbox mailbox() {
        start();
        return mailbox;
    }

    private static void start() {
        if (service == null) {
            mailbox = Mailbox.started(FreePorts.next());
            service = RunningService.start(TestDatabases.create("notification_shared"), mailbox.port());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                mailbox.close();
            }));
        }
    }
}
