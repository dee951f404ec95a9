package com.gopherpay.novu.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A strict stand-in for Novu's trigger API ({@code POST /v1/events/trigger} and {@code /v1/events/trigger/bulk}, and
 * {@code GET /v1/messages} to check delivery) that answers exactly as docs/novu-contract.md describes, records every
 * request, and can be scripted to fail.
 *
 * <p>Order of checks mirrors Novu's NestJS pipeline: body parsing (400 malformed JSON, 413 too large), then the API
 * key guard (401), then the idempotency interceptor, then DTO validation (422 {@code Validation Error}), then the
 * workflow lookup (422 {@code workflow_not_found}). Scripted faults pre-empt all of it, like a failing proxy or an
 * overloaded server would.
 */
public final class StrictNovuStub implements AutoCloseable {

    /** Path of the single trigger endpoint. */
    public static final String TRIGGER_PATH = "/v1/events/trigger";
    /** Path of the bulk trigger endpoint. */
    public static final String BULK_PATH = "/v1/events/trigger/bulk";
    /** Path of the message list ({@code GET}), where a caller checks delivery by transactionId. */
    public static final String MESSAGES_PATH = "/v1/messages";
    /** The workflow the GopherPay flow triggers; known to a stub built with defaults. */
    public static final String EMAIL_VERIFICATION_WORKFLOW = "email-verification";

    static final int MAX_BODY_BYTES = 26 * 1024 * 1024;
    static final String ENVIRONMENT_ID = "6615943e7ace93b0540ae377";
    static final String ORGANIZATION_ID = "6615943e7ace93b0540ae370";
    static final int MAX_BULK_EVENTS = 100;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final Set<String> knownWorkflows = ConcurrentHashMap.newKeySet();
    private final boolean idempotency;
    private final String basePath;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Deque<Fault> scriptedFaults = new ArrayDeque<>();
    private volatile Fault persistentFault;
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> acceptedEvents = Collections.synchronizedList(new ArrayList<>());
    private final List<ObjectNode> messages = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, CachedAnswer> idempotencyCache = new ConcurrentHashMap<>();
    private final AtomicInteger generatedIds = new AtomicInteger();

    private StrictNovuStub(Builder builder) {
        this.apiKey = builder.apiKey;
        this.knownWorkflows.addAll(builder.knownWorkflows);
        this.idempotency = builder.idempotency;
        this.basePath = builder.basePath;
        this.clock = builder.clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "strict-novu-stub-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Novu stub", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a stub with a random API key, the {@code email-verification} workflow and idempotency enabled. */
    public static StrictNovuStub start() {
        return builder().start();
    }

    /** A builder for a stub with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:43121}, plus the base path if one is set. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + basePath;
    }

    /** The port the stub listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The only API key the stub accepts ({@code Authorization: ApiKey <key>}). */
    public String apiKey() {
        return apiKey;
    }

    /** Makes a workflow id known, so triggers for it are processed. */
    public void addKnownWorkflow(String workflowId) {
        knownWorkflows.add(workflowId);
    }

    /** The next request is answered with the fault. */
    public void failNext(Fault fault) {
        failNext(1, fault);
    }

    /** The next {@code count} requests are answered with the fault (queued after faults already scripted). */
    public void failNext(int count, Fault fault) {
        synchronized (scriptedFaults) {
            for (int i = 0; i < count; i++) {
                scriptedFaults.addLast(fault);
            }
        }
    }

    /** Every request is answered with the fault until {@link #recover()} is called. */
    public void failUntilRecovered(Fault fault) {
        persistentFault = fault;
    }

    /** Drops every scripted fault; the stub answers normally again. */
    public void recover() {
        persistentFault = null;
        synchronized (scriptedFaults) {
            scriptedFaults.clear();
        }
    }

    /** Forgets recorded requests, accepted events, idempotency entries and scripted faults. */
    public void reset() {
        recover();
        requests.clear();
        acceptedEvents.clear();
        messages.clear();
        idempotencyCache.clear();
    }

    /** A snapshot of every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * A snapshot of the trigger bodies the stub processed (status {@code processed}), single and bulk elements alike,
     * in processing order; idempotency replays are not counted again. Each carries the transactionId it was answered
     * with.
     */
    public List<JsonNode> acceptedEvents() {
        synchronized (acceptedEvents) {
            return List.copyOf(acceptedEvents);
        }
    }

    /** The transactionIds of {@link #acceptedEvents()}. */
    public List<String> acceptedTransactionIds() {
        return acceptedEvents().stream()
                .map(event -> event.path("transactionId").asText())
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            String method = exchange.getRequestMethod();
            String fullPath = exchange.getRequestURI().getPath();
            String apiPath = apiPath(fullPath);
            String path = apiPath == null ? fullPath : apiPath;
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            Request request = new Request(method, path, exchange.getRequestURI().getRawQuery(), headers, body);

            Answer answer;
            Fault fault = nextFault();
            if (apiPath == null) {
                // Outside the base path: the reverse proxy in front of Novu has no route for it.
                answer = error(404, fullPath, "Cannot " + method + " " + fullPath, Map.of("error", "Not Found"));
            } else if (fault != null && !fault.answersNormallyAfterDelay()) {
                answer = faultAnswer(fault, path);
            } else {
                if (fault != null && !pause(fault.delay)) {
                    return;
                }
                answer = answer(request);
            }
            requests.add(new RecordedRequest(
                    method,
                    path,
                    headers,
                    new String(body, StandardCharsets.UTF_8),
                    answer.status,
                    answer.replayed,
                    clock.instant()));
            byte[] responseBody = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            answer.headers.forEach(
                    (name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status, responseBody.length == 0 ? -1 : responseBody.length);
            exchange.getResponseBody().write(responseBody);
        } catch (IOException | RuntimeException e) {
            // The client went away (e.g. it timed out during a scripted delay): nothing left to answer.
        }
    }

    /** The path as Novu's API sees it behind the base path, or null when the request is outside the base path. */
    private String apiPath(String fullPath) {
        if (basePath.isEmpty()) {
            return fullPath;
        }
        return fullPath.startsWith(basePath + "/") ? fullPath.substring(basePath.length()) : null;
    }

    private Fault nextFault() {
        synchronized (scriptedFaults) {
            Fault next = scriptedFaults.pollFirst();
            return next != null ? next : persistentFault;
        }
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Answer answer(Request request) {
        if ("GET".equals(request.method) && MESSAGES_PATH.equals(request.path)) {
            Answer unauthorized = checkApiKey(request);
            return unauthorized != null ? unauthorized : listMessages(request);
        }
        boolean routed =
                "POST".equals(request.method) && (TRIGGER_PATH.equals(request.path) || BULK_PATH.equals(request.path));
        if (!routed) {
            return error(
                    404, request.path, "Cannot " + request.method + " " + request.path, Map.of("error", "Not Found"));
        }
        if (request.body.length > MAX_BODY_BYTES) {
            return error(413, request.path, "request entity too large", Map.of());
        }
        JsonNode body;
        try {
            body = parseBody(request);
        } catch (JsonProcessingException e) {
            return error(400, request.path, "Unexpected token in JSON body: " + e.getOriginalMessage(), Map.of());
        }
        Answer unauthorized = checkApiKey(request);
        if (unauthorized != null) {
            return unauthorized;
        }
        String idempotencyKey = idempotency ? request.header("Idempotency-Key") : null;
        if (idempotencyKey == null) {
            return process(request.path, body);
        }
        return processIdempotently(idempotencyKey, request, body);
    }

    private static JsonNode parseBody(Request request) throws JsonProcessingException {
        String contentType = request.header("Content-Type");
        boolean json = contentType != null
                && contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json");
        // Express only parses JSON bodies; anything else reaches validation as an empty object.
        if (!json || request.body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(request.body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer checkApiKey(Request request) {
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return error(401, request.path, "Missing authorization header", Map.of());
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (!"ApiKey".equals(parts[0])) {
            return error(401, request.path, "Invalid authentication scheme: \"" + parts[0] + "\"", Map.of());
        }
        if (parts.length < 2 || !apiKey.equals(parts[1])) {
            return error(401, request.path, "Unauthorized", Map.of());
        }
        return null;
    }

    private Answer processIdempotently(String key, Request request, JsonNode body) {
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            return error(
                    400,
                    request.path,
                    "Idempotency-Key \"" + key + "\" has exceeded the maximum allowed length of "
                            + MAX_IDEMPOTENCY_KEY_LENGTH + " characters",
                    Map.of());
        }
        String bodyHash = hash(request.body);
        CachedAnswer inFlight = new CachedAnswer(bodyHash, null);
        CachedAnswer existing = idempotencyCache.putIfAbsent(key, inFlight);
        if (existing != null) {
            if (existing.answer == null) {
                Answer conflict = error(
                        409,
                        request.path,
                        "Request with key \"" + key + "\" is currently being processed. Please retry after 1 second",
                        Map.of());
                return conflict.withHeader("Retry-After", "1");
            }
            if (!existing.bodyHash.equals(bodyHash)) {
                return error(
                        422,
                        request.path,
                        "Request with key \"" + key + "\" is being reused for a different body",
                        Map.of());
            }
            return existing.answer.withHeader("Idempotency-Key", key).replay();
        }
        Answer answer = process(request.path, body);
        idempotencyCache.put(key, new CachedAnswer(bodyHash, answer));
        return answer.withHeader("Idempotency-Key", key);
    }

    private Answer process(String path, JsonNode body) {
        return TRIGGER_PATH.equals(path) ? trigger(path, body) : bulk(path, body);
    }

    private Answer trigger(String path, JsonNode body) {
        Map<String, List<String>> violations = violations(body, "");
        if (!violations.isEmpty()) {
            return validationError(path, violations);
        }
        if (!knownWorkflows.contains(body.get("name").asText())) {
            return error(422, path, "workflow_not_found", Map.of("error", "Unprocessable Entity"));
        }
        ObjectNode data = accept((ObjectNode) body);
        ObjectNode response = JSON.createObjectNode();
        response.set("data", data);
        return new Answer(201, Map.of(), response.toString(), false);
    }

    private Answer bulk(String path, JsonNode body) {
        JsonNode events = body.path("events");
        Map<String, List<String>> violations = new LinkedHashMap<>();
        if (!events.isArray()) {
            violations.put("events", List.of("events must be an array", "events should not be empty"));
        } else if (events.isEmpty()) {
            violations.put("events", List.of("events should not be empty"));
        } else if (events.size() > MAX_BULK_EVENTS) {
            violations.put("events", List.of("events must contain no more than " + MAX_BULK_EVENTS + " elements"));
        } else {
            for (int i = 0; i < events.size(); i++) {
                violations.putAll(violations(events.get(i), "events." + i + "."));
            }
        }
        if (!violations.isEmpty()) {
            return validationError(path, violations);
        }
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode event : events) {
            if (knownWorkflows.contains(event.get("name").asText())) {
                results.add(accept((ObjectNode) event));
            } else {
                ObjectNode failed = results.addObject();
                failed.put("acknowledged", true);
                failed.put("status", "error");
                failed.putArray("error").add("workflow_not_found");
                failed.put("transactionId", transactionIdOf(event));
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.set("data", results);
        return new Answer(201, Map.of(), response.toString(), false);
    }

    private static Map<String, List<String>> violations(JsonNode event, String prefix) {
        Map<String, List<String>> violations = new LinkedHashMap<>();
        if (!event.isObject()) {
            violations.put(prefix + "name", List.of("name must be a string", "name should not be null or undefined"));
            violations.put(prefix + "to", List.of("to should not be null or undefined"));
            return violations;
        }
        JsonNode name = event.get("name");
        if (name == null || name.isNull()) {
            violations.put(prefix + "name", List.of("name must be a string", "name should not be null or undefined"));
        } else if (!name.isTextual()) {
            violations.put(prefix + "name", List.of("name must be a string"));
        }
        JsonNode to = event.get("to");
        if (to == null || to.isNull()) {
            violations.put(prefix + "to", List.of("to should not be null or undefined"));
        }
        JsonNode transactionId = event.get("transactionId");
        if (transactionId != null && !transactionId.isNull() && !transactionId.isTextual()) {
            violations.put(prefix + "transactionId", List.of("transactionId must be a string"));
        }
        return violations;
    }

    private ObjectNode accept(ObjectNode event) {
        String transactionId = transactionIdOf(event);
        ObjectNode accepted = event.deepCopy();
        accepted.put("transactionId", transactionId);
        acceptedEvents.add(accepted);
        recordMessages(accepted);
        ObjectNode data = JSON.createObjectNode();
        data.put("acknowledged", true);
        data.put("status", "processed");
        data.put("transactionId", transactionId);
        return data;
    }

    /**
     * Novu's message list: the email of every processed trigger for each of its recipients, delivered at once (the
     * stub has no queue), filtered by {@code transactionId} (repeatable), {@code subscriberId} and {@code channel},
     * newest first, one page.
     */
    private Answer listMessages(Request request) {
        List<String> transactionIds = new ArrayList<>();
        String subscriberId = null;
        String channel = null;
        int page = 0;
        int limit = 10;
        if (request.query != null) {
            for (String pair : request.query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                try {
                    switch (name) {
                        case "transactionId" -> transactionIds.add(value);
                        case "subscriberId" -> subscriberId = value;
                        case "channel" -> channel = value;
                        case "page" -> page = Integer.parseInt(value);
                        case "limit" -> limit = Integer.parseInt(value);
                        default -> {}
                    }
                } catch (NumberFormatException e) {
                    return error(400, request.path, name + " must be a number", Map.of("error", "Bad Request"));
                }
            }
        }
        String subscriber = subscriberId;
        String onChannel = channel;
        List<ObjectNode> matching;
        synchronized (messages) {
            matching = messages.stream()
                    .filter(m -> transactionIds.isEmpty()
                            || transactionIds.contains(m.path("transactionId").asText()))
                    .filter(m -> subscriber == null
                            || subscriber.equals(
                                    m.path("subscriber").path("subscriberId").asText()))
                    .filter(m -> onChannel == null
                            || onChannel.equals(m.path("channel").asText()))
                    .toList();
        }
        List<ObjectNode> newestFirst = new ArrayList<>(matching);
        Collections.reverse(newestFirst);
        ObjectNode response = JSON.createObjectNode();
        response.put("page", page);
        response.put("totalCount", newestFirst.size());
        response.put("hasMore", (long) (page + 1) * limit < newestFirst.size());
        response.put("pageSize", limit);
        ArrayNode data = response.putArray("data");
        newestFirst.stream().skip((long) page * limit).limit(limit).forEach(data::add);
        return new Answer(200, Map.of(), response.toString(), false);
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** One message per recipient of an accepted trigger, the fields and types Novu's MessageResponseDto has. */
    private void recordMessages(ObjectNode accepted) {
        JsonNode to = accepted.path("to");
        List<JsonNode> recipients = new ArrayList<>();
        if (to.isArray()) {
            to.forEach(recipients::add);
        } else {
            recipients.add(to);
        }
        String now = clock.instant().toString();
        for (JsonNode recipient : recipients) {
            String subscriberId =
                    recipient.isObject() ? recipient.path("subscriberId").asText() : recipient.asText();
            ObjectNode message = JSON.createObjectNode();
            String transactionId = accepted.path("transactionId").asText();
            message.put("_id", objectId());
            message.put("_templateId", objectId());
            message.put("_environmentId", ENVIRONMENT_ID);
            message.put("_messageTemplateId", objectId());
            message.put("_organizationId", ORGANIZATION_ID);
            message.put("_notificationId", objectId());
            message.put("_subscriberId", objectId());
            ObjectNode subscriber = message.putObject("subscriber");
            subscriber.put("_id", message.path("_subscriberId").asText());
            subscriber.put("subscriberId", subscriberId);
            for (String field : List.of("email", "firstName", "lastName", "phone", "avatar", "locale")) {
                if (recipient.path(field).isTextual()) {
                    subscriber.put(field, recipient.path(field).asText());
                }
            }
            subscriber.put("_environmentId", ENVIRONMENT_ID);
            subscriber.put("_organizationId", ORGANIZATION_ID);
            subscriber.put("deleted", false);
            subscriber.put("createdAt", now);
            subscriber.put("updatedAt", now);
            message.put("templateIdentifier", accepted.path("name").asText());
            message.put("transactionId", transactionId);
            message.put("channel", "email");
            if (recipient.path("email").isTextual()) {
                message.put("email", recipient.path("email").asText());
            }
            message.put("content", "");
            message.put("providerId", "stub");
            message.put("read", false);
            message.put("seen", false);
            message.putObject("cta").putObject("data");
            message.put("status", "sent");
            message.set(
                    "payload", accepted.path("payload").isObject() ? accepted.get("payload") : JSON.createObjectNode());
            message.set(
                    "overrides",
                    accepted.path("overrides").isObject() ? accepted.get("overrides") : JSON.createObjectNode());
            message.put("createdAt", now);
            message.put("updatedAt", now);
            message.putArray("deliveredAt").add(now);
            messages.add(message);
        }
    }

    /** A Mongo ObjectId's form: 24 hex characters. */
    private String objectId() {
        return String.format("%08x", generatedIds.incrementAndGet())
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private String transactionIdOf(JsonNode event) {
        JsonNode given = event.get("transactionId");
        if (given != null && given.isTextual()) {
            return given.asText();
        }
        // Novu generates txn_<ObjectId>: 24 hex characters.
        return "txn_" + String.format("%08x", generatedIds.incrementAndGet())
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private Answer validationError(String path, Map<String, List<String>> violations) {
        ObjectNode errors = JSON.createObjectNode();
        violations.forEach((field, messages) -> {
            ObjectNode entry = errors.putObject(field);
            ArrayNode list = entry.putArray("messages");
            messages.forEach(list::add);
            entry.put("value", "No Value Recorded");
        });
        return error(422, path, "Validation Error", Map.of("errors", errors));
    }

    private Answer error(int status, String path, String message, Map<String, Object> extra) {
        ObjectNode body = JSON.createObjectNode();
        body.put("statusCode", status);
        body.put("timestamp", clock.instant().toString());
        body.put("path", path);
        body.put("message", message);
        extra.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        return new Answer(status, Map.of(), body.toString(), false);
    }

    private Answer faultAnswer(Fault fault, String path) {
        Answer answer = error(fault.status, path, fault.message, fault.extraBody);
        for (Map.Entry<String, String> header : fault.headers.entrySet()) {
            answer = answer.withHeader(header.getKey(), header.getValue());
        }
        return answer;
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    private record Answer(int status, Map<String, String> headers, String body, boolean replayed) {
        Answer withHeader(String name, String value) {
            Map<String, String> merged = new LinkedHashMap<>(headers);
            merged.put(name, value);
            return new Answer(status, merged, body, replayed);
        }

        Answer replay() {
            return new Answer(status, headers, body, true).withHeader("Idempotency-Replay", "true");
        }
    }

    private record CachedAnswer(String bodyHash, Answer answer) {}

    /** Settings for a {@link StrictNovuStub}. */
    public static final class Builder {
        private String apiKey = "stub-key-" + UUID.randomUUID();
        private final Set<String> knownWorkflows = new java.util.LinkedHashSet<>(List.of(EMAIL_VERIFICATION_WORKFLOW));
        private boolean idempotency = true;
        private String basePath = "";
        private Clock clock = Clock.systemUTC();
        private int port;

        private Builder() {}

        /** The API key to accept (default: random). */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Replaces the known workflow ids (default: {@code email-verification}). */
        public Builder knownWorkflows(String... workflowIds) {
            knownWorkflows.clear();
            knownWorkflows.addAll(List.of(workflowIds));
            return this;
        }

        /** Whether Idempotency-Key is honoured (default true; real Novu has it off unless a flag is set). */
        public Builder idempotency(boolean enabled) {
            this.idempotency = enabled;
            return this;
        }

        /**
         * Serves the API under a path prefix such as {@code /api}, like Novu behind a reverse proxy that strips it;
         * anything outside it gets 404. Recorded requests carry the path without the prefix. Default: none.
         */
        public Builder basePath(String basePath) {
            if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
                throw new IllegalArgumentException("base path must start and not end with '/': " + basePath);
            }
            this.basePath = basePath;
            return this;
        }

        /** Clock for error timestamps. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Fixed port (default 0: any free loopback port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Starts the stub. */
        public StrictNovuStub start() {
            return new StrictNovuStub(this);
        }
    }
}
