package com.gopherpay.localstack.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class data sharing for the stack's child JVMs (JDK 17 dynamic AppCDS archives), kept in a cache directory beside the
 * jars they come from:
 *
 * <ul>
 *   <li>{@code <cache>/<application>/<content key>/} — per version of what the JVM runs: a Spring Boot jar's SHA-256
 *       (the jar extracted there with Spring Boot's own {@code -Djarmode=tools extract}, since CDS cannot archive
 *       classes from nested jars), or a class path's jar names, sizes and modification times;
 *   <li>{@code <application>-<JVM key>.jsa} in it — per JVM (vendor, version, installation) and JVM options.
 * </ul>
 *
 * A JVM maps the archive when there is one; without one it records one when it exits, for the next start. An archive
 * of another version of the application or another JVM is deleted (one log line) and recorded anew. Nothing here
 * fails a start: when the cache cannot be used, the JVM runs as it would without it.
 */
public final class ClassDataSharing {

    private static final Logger log = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final ClassDataSharing OFF = new ClassDataSharing(null, "");
    private static final AtomicInteger launches = new AtomicInteger();

    private final Path cache;
    private final String jvm;

    private ClassDataSharing(Path cache, String jvm) {
        this.cache = cache;
        this.jvm = jvm;
    }

    /** Archives in {@code cacheDirectory}, for JVMs of this JVM's own installation (the stack starts its children so). */
    public static ClassDataSharing in(Path cacheDirectory) {
        return in(cacheDirectory, currentJvm());
    }

    /** As {@link #in(Path)}, for JVMs identified by {@code jvmIdentity} (tests stand in for another JVM so). */
    static ClassDataSharing in(Path cacheDirectory, String jvmIdentity) {
        return new ClassDataSharing(cacheDirectory, jvmIdentity);
    }

    /** No archives: every JVM runs what it is given as it is. */
    public static ClassDataSharing off() {
        return OFF;
    }

    /**
     * A Spring Boot executable jar: run from its extracted form with its archive; or, when it cannot be extracted, the
     * jar itself without one (one log line saying why).
     */
    public JvmLaunch bootJar(String application, Path executableJar, List<String> options) {
        if (cache == null) {
            return JvmLaunch.jar(options, executableJar.toString());
        }
        try {
            Path versions = cache.resolve(application);
            Path extracted = versions.resolve(sha256(executableJar).substring(0, 16));
            Path jar = extracted.resolve(executableJar.getFileName().toString());
            boolean changed = false;
            if (!Files.isRegularFile(jar)) {
                changed = deleteOtherVersions(versions, extracted);
                BootJarExtraction.extract(executableJar, extracted);
            }
            return new JvmLaunch(
                    options, List.of("-jar", jar.toString()), archive(application, extracted, options, changed));
        } catch (IOException | RuntimeException e) {
            log.info("{}: runs without a class data archive ({})", application, e.getMessage());
            return JvmLaunch.jar(options, executableJar.toString());
        }
    }

    /**
     * A plain class path (entries separated by the platform's separator; {@code dir/*} stands for the jars in {@code
     * dir}), given to the JVM as the explicit list of jars in a fixed order, as CDS requires (in an argument file,
     * {@code @…/classpath.args}), with its archive.
     */
    public JvmLaunch classPath(String application, String classpath, List<String> options) {
        if (cache == null) {
            return JvmLaunch.classPath(options, classpath);
        }
        try {
            List<Path> jars = expand(classpath);
            Path versions = cache.resolve(application);
            Path version = versions.resolve(fingerprint(jars));
            boolean changed = false;
            if (!Files.isDirectory(version)) {
                changed = deleteOtherVersions(versions, version);
                Files.createDirectories(version);
            }
            Path argumentFile = classPathArgumentFile(version, jars);
            return new JvmLaunch(options, List.of("@" + argumentFile), archive(application, version, options, changed));
        } catch (IOException | RuntimeException e) {
            log.info("{}: runs without a class data archive ({})", application, e.getMessage());
            return JvmLaunch.classPath(options, classpath);
        }
    }

    /** @param changed whether an archive of another version of the application was just deleted */
    private SharedArchive archive(String application, Path version, List<String> options, boolean changed)
            throws IOException {
        // System properties (-D…) do not change what an archive holds; heap, GC and other VM options may.
        List<String> vmOptions =
                options.stream().filter(option -> !option.startsWith("-D")).toList();
        String jvmKey = sha256(jvm + "\n" + String.join("\n", vmOptions)).substring(0, 12);
        Path archive = version.resolve(application + "-" + jvmKey + ".jsa");
        String launch = ProcessHandle.current().pid() + "-" + launches.incrementAndGet();
        deleteAbandonedFiles(version);
        if (SharedArchive.complete(archive)) {
            return SharedArchive.use(application, archive, version.resolve(application + "." + launch + ".cds.log"));
        }
        List<Path> stale;
        try (Stream<Path> files = Files.list(version)) {
            stale = files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(".jsa") || name.endsWith(".jsa.length");
                    })
                    .toList();
        }
        if (changed) {
            log.info("{}: changed since its class data archive was made; this run records a new one", application);
        } else if (Files.exists(archive)) {
            log.info("{}: its class data archive is incomplete; this run records a new one", application);
        } else if (stale.stream().anyMatch(file -> file.toString().endsWith(".jsa"))) {
            log.info(
                    "{}: its class data archive was made by another JVM or with other JVM options; this run records a"
                            + " new one",
                    application);
        } else {
            log.info("{}: no class data archive yet; this run records one for the next start", application);
        }
        for (Path file : stale) {
            Files.deleteIfExists(file);
        }
        return SharedArchive.record(
                application, archive, version.resolve(archive.getFileName() + "." + launch + ".recording"));
    }

    /** Deletes what was kept for other versions of the application; whether there was any. */
    private static boolean deleteOtherVersions(Path versions, Path keep) throws IOException {
        if (!Files.isDirectory(versions)) {
            return false;
        }
        List<Path> stale;
        try (Stream<Path> entries = Files.list(versions)) {
            stale = entries.filter(entry -> !entry.equals(keep)).toList();
        }
        stale.forEach(entry -> FileUtils.deleteQuietly(entry.toFile()));
        return !stale.isEmpty();
    }

    /** Recordings and CDS logs of launchers that no longer run (a killed stack leaves them behind). */
    private static void deleteAbandonedFiles(Path version) throws IOException {
        try (Stream<Path> files = Files.list(version)) {
            files.filter(ClassDataSharing::abandoned).forEach(file -> FileUtils.deleteQuietly(file.toFile()));
        }
    }

    private static boolean abandoned(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".recording") && !name.endsWith(".cds.log")) {
            return false;
        }
        // <prefix>.<launcher pid>-<n>.<suffix>
        String[] parts = name.split("\\.");
        String launch = parts[parts.length - (name.endsWith(".cds.log") ? 3 : 2)];
        try {
            long pid = Long.parseLong(launch.substring(0, launch.indexOf('-')));
            return ProcessHandle.of(pid).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static List<Path> expand(String classpath) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.endsWith("/*") || entry.equals("*")) {
                Path directory = Path.of(entry.substring(0, entry.length() - 1));
                try (Stream<Path> files = Files.list(directory)) {
                    files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                            .sorted()
                            .forEach(jars::add);
                }
            } else if (!entry.isEmpty()) {
                jars.add(Path.of(entry));
            }
        }
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                // CDS archives classes from jar files only; a class directory would make the archive unusable.
                throw new IOException(jar + " on the class path is not a jar file");
            }
        }
        return jars;
    }

    /**
     * {@code -cp <the jars>} in a java launcher argument file: the explicit list CDS needs, in a fixed order, without
     * putting some 150 paths on the command line (where {@code ps} and process listings would cut them short).
     */
    private static Path classPathArgumentFile(Path version, List<Path> jars) throws IOException {
        Path file = version.resolve("classpath.args");
        if (!Files.isRegularFile(file)) {
            String explicit = String.join(
                    File.pathSeparator, jars.stream().map(Path::toString).toList());
            Path written = Files.writeString(
                    version.resolve("classpath.args." + ProcessHandle.current().pid() + ".tmp"),
                    "-cp\n\"" + explicit.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The jars' names, sizes and modification times: what the JVM checks before it maps an archive. */
    private static String fingerprint(List<Path> jars) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path jar : jars) {
            all.append(jar.toAbsolutePath())
                    .append('|')
                    .append(Files.size(jar))
                    .append('|')
                    .append(Files.getLastModifiedTime(jar).toMillis())
                    .append('\n');
        }
        return sha256(all.toString()).substring(0, 16);
    }

    private static String currentJvm() {
        return String.join(
                "|",
                System.getProperty("java.vm.vendor", ""),
                System.getProperty("java.vm.name", ""),
                System.getProperty("java.vm.version", ""),
                System.getProperty("java.home", ""),
                System.getProperty("os.arch", ""));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
