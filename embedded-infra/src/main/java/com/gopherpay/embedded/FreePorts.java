package com.gopherpay.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks loopback ports that are free right now, so parallel runs never collide on fixed ports. */
public final class FreePorts {

    private FreePorts() {}

    /** Returns {@code requested} unless it is 0, in which case a currently free loopback port. */
    public static int resolve(int requested) {
        return requested == 0 ? next() : requested;
    }

    /** A loopback port that nothing listens on at the time of the call. */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port available", e);
        }
    }

    /** Whether something already accepts connections on this loopback port. */
    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
