package com.gopherpay.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP balancer on a loopback port in front of the instances of one service in the cluster topology, as a Kubernetes
 * Service or a load balancer would be: each new connection goes to the next instance in turn, and to the one after it
 * when an instance refuses the connection (it is stopped or killed). Bytes are copied as they are; HTTP keep-alive
 * connections stay with the instance they were opened to until either side closes them.
 */
final class RoundRobinBalancer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoundRobinBalancer.class);
    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private final String name;
    private final List<InetSocketAddress> instances;
    private final ServerSocket server;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RoundRobinBalancer(String name, List<InetSocketAddress> instances, ServerSocket server) {
        this.name = name;
        this.instances = List.copyOf(instances);
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} and forwards to the instances' loopback ports. */
    static RoundRobinBalancer start(String name, int port, List<Integer> instancePorts) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            RoundRobinBalancer balancer = new RoundRobinBalancer(
                    name,
                    instancePorts.stream()
                            .map(p -> new InetSocketAddress(InetAddress.getLoopbackAddress(), p))
                            .toList(),
                    server);
            daemon(balancer::accept, "balancer-" + name).start();
            return balancer;
        } catch (IOException e) {
            throw new StartupFailed(
                    "The " + name + " balancer cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.forEach(RoundRobinBalancer::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                daemon(() -> forward(client), "balancer-" + name + "-connection")
                        .start();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("The {} balancer stopped accepting: {}", name, e.getMessage());
                }
                return;
            }
        }
    }

    private void forward(Socket client) {
        Socket upstream = connectToNextInstance();
        if (upstream == null) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(upstream);
        Thread back = daemon(() -> copy(upstream, client), "balancer-" + name + "-back");
        back.start();
        copy(client, upstream);
    }

    /** The next instance in turn that accepts a connection, or null when none does. */
    private Socket connectToNextInstance() {
        for (int attempt = 0; attempt < instances.size(); attempt++) {
            InetSocketAddress instance = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
            Socket socket = new Socket();
            try {
                socket.connect(instance, CONNECT_TIMEOUT_MS);
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException refused) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    /** Copies one direction until its end, then closes both sockets (so the other direction ends too). */
    private void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // A side closed the connection: the copy ends.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static Thread daemon(Runnable task, String threadName) {
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing anyway.
        }
    }
}
