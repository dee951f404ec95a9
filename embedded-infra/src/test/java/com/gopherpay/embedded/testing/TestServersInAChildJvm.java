package com.gopherpay.embedded.testing;

/** Uses both test servers the way a test JVM does, then exits: what {@link TestServersCleanupTest} runs. */
final class TestServersInAChildJvm {

    private TestServersInAChildJvm() {}

    public static void main(String[] args) {
        TestDatabases.create("cleanup_probe");
        TestKafka.shared();
        System.out.println("test servers started");
        // As Surefire ends a test JVM: the broker's threads are not daemons, so only an exit runs the shutdown hooks.
        System.exit(0);
    }
}
