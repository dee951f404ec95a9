package com.gopherpay.localstack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What a service can be configured with, read from its executable jar: the Spring configuration metadata of its own
 * classes and of every library in {@code BOOT-INF/lib} (Spring Boot's modules included), and its {@code
 * application.properties}. A property or environment variable a descriptor sets must be in there.
 */
final class ServiceMetadata {

    private static final ObjectMapper json = new ObjectMapper();
    private static final Pattern SPRING_METADATA =
            Pattern.compile("(BOOT-INF/classes/)?META-INF/(additional-)?spring-configuration-metadata\\.json");

    private final String service;
    private final Set<String> exact = new HashSet<>();
    private final List<String> mapPrefixes = new ArrayList<>();
    private final List<Pattern> indexed = new ArrayList<>();
    private final Properties applicationProperties = new Properties();

    private ServiceMetadata(String service) {
        this.service = service;
    }

    /** The metadata of the service's jar in {@code <repository>/<service>/target}. */
    static ServiceMetadata of(Path repository, String service) {
        Path target = repository.resolve(service).resolve("target");
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(service) && name.endsWith(".jar") && !name.endsWith("-sources.jar");
                    })
                    .findFirst()
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "No " + service + " jar in " + target + ": build it first (./mvnw -B -q -DskipTests package)", e);
        }
        ServiceMetadata metadata = new ServiceMetadata(service);
        try (InputStream in = Files.newInputStream(jar)) {
            metadata.readArchive(in, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
        if (metadata.exact.isEmpty()) {
            throw new IllegalStateException(jar + " holds no Spring configuration metadata");
        }
        return metadata;
    }

    String service() {
        return service;
    }

    /** The value the service's own application.properties gives the property, or null. */
    String applicationProperty(String name) {
        return applicationProperties.getProperty(name);
    }

    /** Whether the service knows the property (its canonical, dashed form: {@code identity.kafka.bootstrap-servers}). */
    boolean knowsProperty(String name) {
        return knowsEnvironmentVariable(environmentName(name));
    }

    /**
     * Whether the environment variable binds to a property the service knows, by Spring Boot's relaxed binding:
     * {@code IDENTITY_KAFKA_BOOTSTRAP_SERVERS} to {@code identity.kafka.bootstrap-servers}, {@code
     * NOTIFICATION_API_KEYS_0_KEY_SHA256} to {@code notification.api-keys[0].key-sha256}, {@code
     * LOGGING_LEVEL_ORG_APACHE_KAFKA} into the map {@code logging.level}.
     */
    boolean knowsEnvironmentVariable(String variable) {
        String canonical = variable.toUpperCase(Locale.ROOT).replace("_", "");
        if (exact.contains(canonical)) {
            return true;
        }
        if (mapPrefixes.stream()
                .anyMatch(prefix -> canonical.startsWith(prefix) && canonical.length() > prefix.length())) {
            return true;
        }
        return indexed.stream().anyMatch(pattern -> pattern.matcher(canonical).matches());
    }

    /**
     * The environment form of a property, without separators: upper case, dots, dashes and underscores dropped
     * ({@code IDENTITYKAFKABOOTSTRAPSERVERS}), how Spring compares them.
     */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT)
                .replace(".", "")
                .replace("-", "")
                .replace("_", "");
    }

    private void readArchive(InputStream in, boolean outer) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
            String name = entry.getName();
            if (SPRING_METADATA.matcher(name).matches()) {
                readMetadata(zip.readAllBytes());
            } else if (outer && name.equals("BOOT-INF/classes/application.properties")) {
                applicationProperties.load(new ByteArrayInputStream(zip.readAllBytes()));
            } else if (outer && name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                readArchive(new ByteArrayInputStream(zip.readAllBytes()), false);
            }
        }
    }

    private void readMetadata(byte[] bytes) throws IOException {
        JsonNode root = json.readTree(bytes);
        for (JsonNode property : root.path("properties")) {
            String name = property.path("name").asText();
            String type = property.path("type").asText("");
            if (name.contains("[")) {
                // notification.api-keys[i].key-sha256: NOTIFICATION_API_KEYS_0_KEY_SHA256 and its relaxed forms
                String[] parts = name.split("\\[[^]]*]", -1);
                StringBuilder regex = new StringBuilder();
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        regex.append("\\d+");
                    }
                    regex.append(Pattern.quote(environmentName(parts[i])));
                }
                indexed.add(Pattern.compile(regex.toString()));
                continue;
            }
            if (name.contains("<") || name.contains("*")) {
                name = name.substring(0, name.indexOf(name.contains("<") ? '<' : '*'));
                mapPrefixes.add(environmentName(name));
                continue;
            }
            exact.add(environmentName(name));
            if (type.startsWith("java.util.Map")) {
                mapPrefixes.add(environmentName(name));
            } else if (type.startsWith("java.util.List") || type.startsWith("java.util.Set")) {
                // one element by index: MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE_0
                indexed.add(Pattern.compile(Pattern.quote(environmentName(name)) + "\\d+"));
            }
        }
    }
}
