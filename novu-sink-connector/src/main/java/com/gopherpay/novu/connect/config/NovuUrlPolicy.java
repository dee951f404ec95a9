package com.gopherpay.novu.connect.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the connector may send the API key. The key travels in every request, so the URL must not leak it: no
 * plain-text HTTP beyond this machine (unless {@value NovuSinkConfig#ALLOW_INSECURE_HTTP} says so), no credentials of
 * its own, and no link-local address, where cloud metadata services hand out instance credentials to whoever asks.
 * Checked when the configuration is validated and again before every request, because DNS answers can change.
 */
public final class NovuUrlPolicy {

    /** AWS's instance metadata service over IPv6 (outside fe80::/10, so not covered by the link-local check). */
    private static final InetAddress AWS_IPV6_METADATA = literal("fd00:ec2::254");

    private final boolean allowInsecureHttp;
    private final HostResolver resolver;

    public NovuUrlPolicy(boolean allowInsecureHttp, HostResolver resolver) {
        this.allowInsecureHttp = allowInsecureHttp;
        this.resolver = resolver;
    }

    /** Looks a host name up; the JDK's resolver in production, a fixed answer in tests. */
    @FunctionalInterface
    public interface HostResolver {
        HostResolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * What is wrong with sending to this URL as its host resolves now, or empty; for validating the configuration. A
     * host that does not resolve is no problem here (a DNS outage must not stop a connector from starting: the
     * requests check again), but then plain HTTP is refused unless allowed, since nothing shows the host to be this
     * machine.
     *
     * <p>No problem quotes the URL: it may have come from a config provider and hold a secret.
     */
    public Optional<String> problem(URI url) {
        InetAddress[] addresses;
        try {
            addresses = url.getHost() == null ? new InetAddress[0] : resolver.resolve(url.getHost());
        } catch (UnknownHostException e) {
            addresses = new InetAddress[0];
        }
        return problem(url, addresses);
    }

    /**
     * What is wrong with sending a request to this URL right now, or empty; for checking just before a request. A
     * host that does not resolve throws: the request could not be sent anyway and is retried like any IO error.
     */
    public Optional<String> problemBeforeRequest(URI url) throws UnknownHostException {
        if (url.getHost() == null) {
            return problem(url, new InetAddress[0]);
        }
        return problem(url, resolver.resolve(url.getHost()));
    }

    private Optional<String> problem(URI url, InetAddress[] addresses) {
        if (url.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials (user:password@); the API key goes in "
                    + NovuSinkConfig.NOVU_API_KEY);
        }
        if (url.getHost() == null) {
            return Optional.of("must be an http or https URL with a host");
        }
        if (Arrays.stream(addresses).anyMatch(NovuUrlPolicy::isLinkLocalOrMetadata)) {
            return Optional.of("must not point at a link-local or cloud metadata address (169.254.0.0/16, fe80::/10,"
                    + " fd00:ec2::254)");
        }
        boolean plainHttp = "http".equalsIgnoreCase(url.getScheme());
        boolean loopbackOnly =
                addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        if (plainHttp && !loopbackOnly && !allowInsecureHttp) {
            return Optional.of("must use https unless the host is this machine (loopback); set "
                    + NovuSinkConfig.ALLOW_INSECURE_HTTP + "=true to send the API key unencrypted anyway");
        }
        return Optional.empty();
    }

    static boolean isLinkLocalOrMetadata(InetAddress address) {
        // Java maps IPv4-mapped IPv6 literals (::ffff:169.254.169.254) to Inet4Address, so they are covered too.
        return address.isLinkLocalAddress() || (address instanceof Inet6Address && address.equals(AWS_IPV6_METADATA));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
