package com.gopherpay.localstack.process;

/** The program the class data sharing tests run in a JVM of its own: it loads a few classes and exits, or waits. */
public final class ArchiveSubject {

    private ArchiveSubject() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("subject ran with " + java.util.List.of(args).size() + " arguments");
        if (args.length > 0 && args[0].equals("wait")) {
            // Runs until the test stops it (SIGTERM or SIGKILL), like a service.
            Thread.sleep(120_000);
        }
    }
}
