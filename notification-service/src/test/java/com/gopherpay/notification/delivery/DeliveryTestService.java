package com.gopherpay.notification.delivery;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SmtpProxy;

/**
 * A service whose delivery threads are off, so tests drive {@link DeliveryWorker} rounds themselves, sending through
 * an {@link SmtpProxy} to GreenMail. Lease 4 s: a batch stops starting messages after 2 s. A transient failure waits
 * 5 to 10 minutes for its retry, so a message sent again within a test has not waited out its own backoff. Shared by the
 * tests of this package (each leaves no message queued and SMTP reachable).
 */
final class DeliveryTestService {

    static final String LEASE = "4s";

    private static RunningService service;
    private static Mailbox mailbox;
    private static SmtpProxy proxy;

    private DeliveryTestService() {}

    static synchronized RunningService service() {
        if (service == null) {
            mailbox = Mailbox.started(FreePorts.next());
            proxy = SmtpProxy.to(mailbox.port());
            service = RunningService.start(
                    TestDatabases.create("notification_delivery"),
                    proxy.port(),
                    "--notification.delivery.enabled=false",
                    "--notification.delivery.lease=" + LEASE,
                    "--notification.delivery.initial-backoff=10m",
                    "--notification.delivery.max-backoff=10m",
                    // A QUIT that is never answered fails the close after one second.
                    "--spring.mail.properties.mail.smtp.timeout=1000");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                proxy.close();
                mailbox.close();
            }));
        }
        return service;
    }

    static synchronized Mailbox mailbox() {
        service();
        return mailbox;
    }

    static synchronized SmtpProxy proxy() {
        service();
        return proxy;
    }
}
