package com.gopherpay.configreference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the configuration reference of a Spring Boot application as a Markdown table (property, type, default,
 * description) from the {@code META-INF/spring-configuration-metadata.json} that spring-boot-configuration-processor
 * generates. Properties are sorted by name and the output depends on nothing but the metadata and the title, so the
 * same code always gives the same file.
 *
 * <p>Usage: {@code ConfigReference <metadata.json> <output.md> <title>}.
 */
public final class ConfigReference {

    private static final Pattern CODE = Pattern.compile("\\{@(?:code|literal) ([^}]*)}");
    private static final Pattern LINK = Pattern.compile("\\{@link(?:plain)? ([^}\\s]*)(?: ([^}]*))?}");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("(?:[a-z_][a-z0-9_]*\\.)+(?:[A-Za-z0-9_]+\\$)*");
    private static final String NONE = "—";

    private ConfigReference() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("Usage: ConfigReference <metadata.json> <output.md> <title>");
            System.exit(2);
        }
        Path input = Path.of(args[0]);
        Path output = Path.of(args[1]);
        String markdown = markdown(Files.readString(input, StandardCharsets.UTF_8), args[2]);
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        Files.writeString(output, markdown, StandardCharsets.UTF_8);
    }

    /** The reference for the metadata JSON {@code metadata}, under the heading {@code title}. */
    public static String markdown(String metadata, String title) {
        JsonNode root = JsonMapper.builder().build().readTree(metadata);
        List<JsonNode> properties = new ArrayList<>();
        root.path("properties").forEach(properties::add);
        properties.sort(Comparator.comparing(property -> property.path("name").asString()));

        StringBuilder out = new StringBuilder();
        out.append(
                        "<!-- Generated from Spring Boot's configuration metadata by the config-reference module; do not edit:")
                .append(" the build rewrites this file. -->\n\n");
        out.append("# ").append(title).append("\n\n");
        out.append("| property | type | default | description |\n");
        out.append("| --- | --- | --- | --- |\n");
        for (JsonNode property : properties) {
            out.append("| `")
                    .append(property.path("name").asString())
                    .append("` | ")
                    .append(type(property.path("type")))
                    .append(" | ")
                    .append(defaultValue(property.path("defaultValue")))
                    .append(" | ")
                    .append(description(property))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** The type without package names: {@code java.util.List<com.x.Props$Key>} is {@code List<Key>}. */
    static String type(JsonNode type) {
        if (type.isMissingNode() || type.isNull()) {
            return NONE;
        }
        return "`" + QUALIFIED_NAME.matcher(type.asString()).replaceAll("") + "`";
    }

    static String defaultValue(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return NONE;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return items.isEmpty() ? NONE : "`" + cell(String.join(",", items)) + "`";
        }
        String text = value.asString();
        return text.isEmpty() ? "`\"\"`" : "`" + cell(text) + "`";
    }

    static String description(JsonNode property) {
        String description = property.path("description").asString("");
        description =
                CODE.matcher(description).replaceAll(match -> Matcher.quoteReplacement("`" + match.group(1) + "`"));
        description = LINK.matcher(description)
                .replaceAll(match ->
                        Matcher.quoteReplacement(match.group(2) != null ? match.group(2) : "`" + match.group(1) + "`"));
        description = cell(description.replaceAll("\\s+", " ").strip());
        JsonNode deprecation = property.path("deprecation");
        if (property.path("deprecated").asBoolean(false) || !deprecation.isMissingNode()) {
            String replacement = deprecation.path("replacement").asString("");
            description = "**Deprecated**" + (replacement.isEmpty() ? "" : " (use `" + replacement + "`)") + ". "
                    + description;
        }
        return description.isEmpty() ? NONE : description;
    }

    /** Text safe inside a table cell: a pipe would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
