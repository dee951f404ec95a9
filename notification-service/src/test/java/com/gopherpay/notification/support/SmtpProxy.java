package com.gopherpay.notification.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay in front of a real SMTP server (GreenMail) that can make it misbehave the way GreenMail can't: answer
 * slowly, never answer {@code QUIT} (so closing the connection fails after every message was accepted), refuse
 * single commands, go away (every connection dropped, new ones hung up at once, also in the middle of a session) or
 * turn every connection away with a 4xx greeting, and come back.
 */
public final class SmtpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private volatile Duration replyDelay = Duration.ZERO;
    private volatile boolean swallowQuit;
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile String turnAwayGreeting;
    private volatile String cutOnCommand;
    private final Map<String, Runnable> onCommand = new ConcurrentHashMap<>();

    private SmtpProxy(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        connections.submit(this::accept);
    }

    public static SmtpProxy to(int targetPort) {
        try {
            return new SmtpProxy(targetPort);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Holds back each piece of every server reply this long, like a slow or distant server. */
    public void replyDelay(Duration delay) {
        this.replyDelay = delay;
    }

    /** Whether the client's QUIT is dropped: it then waits for a reply that never comes. */
    public void swallowQuit(boolean swallow) {
        this.swallowQuit = swallow;
    }

    /**
     * Answers every client command that starts with {@code command} (e.g. {@code RCPT TO:<a@b.test>}) with
     * {@code reply} (e.g. {@code 550 5.1.1 no such user}) instead of passing it on, as a server refusing it would.
     */
    public void refuse(String command, String reply) {
        refusals.put(command, reply);
    }

    /** Passes every command on again. */
    public void refuseNothing() {
        refusals.clear();
    }

    /**
     * The server goes away: every open connection is dropped, and each new one is hung up before the greeting, until
     * {@link #restore()}.
     */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /**
     * Goes away ({@link #cut()}) the moment a client sends a command starting with {@code command} (e.g.
     * {@code RCPT TO:<a@b.test>}), before passing it on: that client loses its connection in the middle of a
     * message.
     */
    public void cutOn(String command) {
        cutOnCommand = command;
    }

    /**
     * Runs {@code action} once, the moment a client sends a command starting with {@code command}, before passing it
     * on: the client is then waiting for that command's reply, so the action sees the state the client is in.
     */
    public void onCommand(String command, Runnable action) {
        onCommand.put(command, action);
    }

    /** Greets every new connection with {@code reply} (e.g. {@code 421 4.3.2 Service not available}) and hangs up. */
    public void turnAway(String reply) {
        turnAwayGreeting = reply;
    }

    /** Relays every new connection to the server again. */
    public void restore() {
        cutOnCommand = null;
        onCommand.clear();
        turnAwayGreeting = null;
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                String greeting = turnAwayGreeting;
                if (greeting != null) {
                    try (client) {
                        client.getOutputStream().write((greeting + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        client.getOutputStream().flush();
                    } catch (IOException e) {
                        // The client went away first.
                    }
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                connections.submit(() -> clientToServer(client, server));
                connections.submit(() -> serverToClient(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void clientToServer(Socket client, Socket server) {
        try (client;
                server;
                InputStream in = client.getInputStream();
                OutputStream out = server.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                String text = new String(buffer, 0, read, StandardCharsets.US_ASCII);
                for (String command : onCommand.keySet()) {
                    if (text.startsWith(command) || text.contains("\r\n" + command)) {
                        Runnable action = onCommand.remove(command);
                        if (action != null) {
                            action.run();
                        }
                    }
                }
                String cutOn = cutOnCommand;
                if (cutOn != null && (text.startsWith(cutOn) || text.contains("\r\n" + cutOn))) {
                    cut();
                    return;
                }
                if (swallowQuit && (text.startsWith("QUIT\r\n") || text.contains("\r\nQUIT\r\n"))) {
                    // Keep the connection open and silent until the client gives up on it.
                    while (in.read(buffer) != -1) {}
                    return;
                }
                String refusal = refusalOf(text);
                if (refusal != null) {
                    OutputStream toClient = client.getOutputStream();
                    toClient.write((refusal + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    toClient.flush();
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // Either side went away: the relay of this connection ends.
        } finally {
            open.remove(client);
            open.remove(server);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    private String refusalOf(String text) {
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            if (text.startsWith(refusal.getKey())) {
                return refusal.getValue();
            }
        }
        return null;
    }

    private void serverToClient(Socket server, Socket client) {
        // One thread per connection keeps the delayed pieces in order.
        ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor();
        try (InputStream in = server.getInputStream()) {
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                byte[] piece = Arrays.copyOf(buffer, read);
                delayed.schedule(
                        () -> {
                            try {
                                out.write(piece);
                                out.flush();
                            } catch (IOException e) {
                                // The client went away.
                            }
                        },
                        replyDelay.toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        } catch (IOException e) {
            // Either side went away.
        } finally {
            delayed.shutdown();
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        connections.shutdownNow();
    }
}
