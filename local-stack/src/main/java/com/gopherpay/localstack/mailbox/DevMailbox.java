package com.gopherpay.localstack.mailbox;

import com.gopherpay.localstack.StartupFailed;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The dev mailbox: a real SMTP server (GreenMail) that accepts every message, and a web page plus JSON API in
 * Mailpit's shape that shows what arrived.
 */
public final class DevMailbox implements AutoCloseable {

    private final GreenMail smtp;
    private final HttpServer http;

    private DevMailbox(GreenMail smtp, HttpServer http) {
        this.smtp = smtp;
        this.http = http;
    }

    public static DevMailbox start(int smtpPort, int httpPort) {
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
            http.start();
            return new DevMailbox(smtp, http);
        } catch (IOException e) {
            smtp.stop();
            throw new StartupFailed("Mailbox page could not bind 127.0.0.1:" + httpPort + ": " + e.getMessage(), e);
        }
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.stop();
    }
}
