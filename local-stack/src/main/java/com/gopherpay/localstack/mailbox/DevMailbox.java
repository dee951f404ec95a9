package com.gopherpay.localstack.mailbox;

import com.gopherpay.localstack.StartupFailed;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The dev mailbox: a real SMTP server (GreenMail) that accepts every message, and a web page plus JSON API in
 * Mailpit's shape that shows what arrived. With fault injection on, {@code /control/smtp} also takes the SMTP server
 * down (connections refused) and brings it back on the same port, keeping what it received.
 */
public final class DevMailbox implements AutoCloseable {

    private static final long SMTP_START_MILLIS = 10_000;
    private static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private final GreenMail greenMail;
    private final ServerSetup smtpSetup;
    private final HttpServer http;
    /** The SMTP listener now; a stopped one cannot start again, so bringing SMTP back creates a new one. */
    private SmtpServer smtp; // guarded by this

    private boolean accepting = true; // guarded by this

    private DevMailbox(GreenMail greenMail, ServerSetup smtpSetup, HttpServer http) {
        this.greenMail = greenMail;
        this.smtpSetup = smtpSetup;
        this.http = http;
        this.smtp = greenMail.getSmtp();
    }

    public static DevMailbox start(int smtpPort, int httpPort) {
        return start(smtpPort, httpPort, false);
    }

    /** @param faultInjection whether to serve {@code /control/smtp} (see {@link SmtpControlHandler}) */
    public static DevMailbox start(int smtpPort, int httpPort, boolean faultInjection) {
        pinStreamProvider();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            smtp.start();
        } catch (RuntimeException e) {
            throw new StartupFailed("SMTP server could not bind 127.0.0.1:" + smtpPort + ": " + e.getMessage(), e);
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            http.createContext("/", new MailboxHandler(new MailStore(smtp)));
            http.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "dev-mailbox-http");
                thread.setDaemon(true);
                return thread;
            }));
            // The bound port, not 0: SMTP comes back where it was.
            ServerSetup setup = new ServerSetup(smtp.getSmtp().getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            DevMailbox mailbox = new DevMailbox(smtp, setup, http);
            if (faultInjection) {
                http.createContext(SmtpControlHandler.PATH, new SmtpControlHandler(mailbox));
            }
            http.start();
            return mailbox;
        } catch (IOException e) {
            smtp.stop();
            throw new StartupFailed("Mailbox page could not bind 127.0.0.1:" + httpPort + ": " + e.getMessage(), e);
        }
    }

    /**
     * Jakarta Mail 2.1 looks up its {@code StreamProvider} by a {@code ServiceLoader} scan of the class path for every
     * multipart it parses (jakartaee/mail-api#699 and #861; fixed only in 2.2), and GreenMail parses each received
     * message's parts: in a launcher run from a large class path (the benchmarks' {@code exec:java}) a profile showed
     * the scan as half the SMTP server's CPU per email. Naming Angus Mail's provider, as notification-service does,
     * skips the scan; a provider the JVM was started with is kept.
     */
    private static void pinStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS_STREAM_PROVIDER, false, DevMailbox.class.getClassLoader());
            System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
        } catch (ClassNotFoundException e) {
            // Another Jakarta Mail implementation: keep its own lookup.
        }
    }

    public int smtpPort() {
        return smtpSetup.getPort();
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    /** Whether the SMTP server accepts connections (false between {@link #stopSmtp()} and {@link #startSmtp()}). */
    public synchronized boolean smtpAccepting() {
        return accepting;
    }

    /**
     * Closes the SMTP listener and its open connections: clients get "connection refused" until {@link #startSmtp()}.
     * The mail received so far stays in the mailbox. A no-op when already down.
     */
    public synchronized void stopSmtp() {
        if (!accepting) {
            return;
        }
        smtp.stopService();
        accepting = false;
    }

    /** Listens on the same port again, delivering into the same mailbox; a no-op when already up. */
    public synchronized void startSmtp() {
        if (accepting) {
            return;
        }
        SmtpServer next = new SmtpServer(smtpSetup, greenMail.getManagers());
        next.startService();
        try {
            if (!next.waitTillRunning(SMTP_START_MILLIS)) {
                next.stopService();
                throw new IllegalStateException("The SMTP server did not listen on " + smtpSetup.getBindAddress() + ":"
                        + smtpSetup.getPort() + " again within " + SMTP_START_MILLIS / 1000 + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.stopService();
            throw new IllegalStateException("Interrupted while the SMTP server started again", e);
        }
        smtp = next;
        accepting = true;
    }

    @Override
    public synchronized void close() {
        http.stop(0);
        if (smtp != greenMail.getSmtp() && accepting) {
            smtp.stopService();
        }
        greenMail.stop();
    }
}
