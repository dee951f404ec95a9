package com.gopherpay.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in helpers for tests: requests with any method and headers (cookies are sent by hand, as a browser would), and
 * reading {@code Set-Cookie} answers.
 */
public final class SignedIn {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SignedIn() {}

    /** Signs in with {@link Api#PASSWORD}. */
    public static Api.Response login(int port, String email) {
        return login(port, email, Api.PASSWORD, Map.of());
    }

    public static Api.Response login(int port, String email, String password, Map<String, String> headers) {
        return request(
                port,
                "POST",
                "/auth/login",
                Api.JSON.writeValueAsString(Map.of("email", email, "password", password)),
                Api.randomClientIp(),
                headers);
    }

    /** A request with a JSON body (or none when {@code body} is null) and these headers. */
    public static Api.Response request(
            int port, String method, String path, String body, String clientIp, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Forwarded-For", clientIp)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return new Api.Response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code Set-Cookie} header of the answer. */
    public static List<String> setCookies(Api.Response response) {
        return response.raw().headers().allValues("Set-Cookie");
    }

    /** The {@code Set-Cookie} header for {@code name}. */
    public static Optional<String> setCookie(Api.Response response, String name) {
        return setCookies(response).stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst();
    }

    /** The value a {@code Set-Cookie} header sets. */
    public static String cookieValue(String setCookie) {
        int semicolon = setCookie.indexOf(';');
        String pair = semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
        return pair.substring(pair.indexOf('=') + 1);
    }
}
