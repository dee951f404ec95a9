package com.gopherpay.embedded;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root. zonky's launch scripts get round that by running {@code initdb} and
 * {@code postgres} in a user namespace ({@code unshare -U}); this check tells the user plainly, before any binary is
 * extracted, when running as root on a kernel that forbids user namespaces.
 */
final class RootPreflight {

    private RootPreflight() {}

    static void check() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        if (!userNamespacesAvailable()) {
            throw new IllegalStateException("Embedded PostgreSQL cannot run as root here: this kernel does not allow "
                    + "user namespaces (unshare -U). Run as an unprivileged user, or point DATABASE_URL at a "
                    + "PostgreSQL server.");
        }
    }

    private static boolean userNamespacesAvailable() {
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "true")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
