package com.gopherpay.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs recording and mapping real archives (JDK 17 dynamic AppCDS), from a jar the test writes. */
class ClassDataSharingTest {

    private static final List<String> OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC");

    @TempDir
    Path directory;

    @Test
    void aRunWithoutAnArchiveRecordsOneAtItsCleanExitAndTheNextRunMapsIt() throws Exception {
        Path jar = subjectJar("first");
        ClassDataSharing sharing = ClassDataSharing.in(directory.resolve("cds"));

        JvmLaunch recording = sharing.classPath("subject", jar.toString(), OPTIONS);
        assertThat(recording.archive().describe()).isEqualTo("recording a class data archive");
        // The explicit class path goes in an argument file, so that process listings show the main class.
        assertThat(recording.target())
                .singleElement()
                .asString()
                .startsWith("@")
                .endsWith("classpath.args");
        assertThat(Files.readString(Path.of(recording.target().get(0).substring(1))))
                .isEqualTo("-cp\n\"" + jar + "\"\n");
        runToEnd(recording, "record");
        assertThat(archives()).hasSize(1);

        JvmLaunch using = sharing.classPath("subject", jar.toString(), OPTIONS);
        String report = runToEnd(using, "use");
        assertThat(report).endsWith("class data archive used");
        assertThat(archives()).hasSize(1);
    }

    @Test
    void aStopBySigtermKeepsTheRecordingAndAKilledRunLeavesNone() throws Exception {
        Path jar = subjectJar("first");
        ClassDataSharing sharing = ClassDataSharing.in(directory.resolve("cds"));

        JavaProcess killed = start(sharing.classPath("subject", jar.toString(), OPTIONS), "killed", "wait");
        awaitOutput(killed, "subject ran");
        ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !killed.isAlive());
        killed.close();
        assertThat(archives()).isEmpty();
        assertThat(filesEndingWith(".recording")).isEmpty();

        JavaProcess stopped = start(sharing.classPath("subject", jar.toString(), OPTIONS), "stopped", "wait");
        awaitOutput(stopped, "subject ran");
        stopped.close(); // SIGTERM: exit code 143, the JVM writes its archive on the way out
        assertThat(archives()).hasSize(1);
        assertThat(sharing.classPath("subject", jar.toString(), OPTIONS)
                        .archive()
                        .describe())
                .isEqualTo("class data archive used");
    }

    @Test
    void anArchiveOfAnotherJvmIsDeletedAndRecordedAnew() throws Exception {
        Path jar = subjectJar("first");
        runToEnd(
                ClassDataSharing.in(directory.resolve("cds"), "JVM 17.0.1")
                        .classPath("subject", jar.toString(), OPTIONS),
                "old");
        List<Path> old = archives();
        assertThat(old).hasSize(1);

        JvmLaunch other = ClassDataSharing.in(directory.resolve("cds"), "JVM 17.0.2")
                .classPath("subject", jar.toString(), OPTIONS);

        assertThat(other.archive().describe()).isEqualTo("recording a class data archive");
        assertThat(old.get(0)).doesNotExist();
    }

    @Test
    void otherJvmOptionsNeedAnotherArchiveButSystemPropertiesDoNot() throws Exception {
        Path jar = subjectJar("first");
        ClassDataSharing sharing = ClassDataSharing.in(directory.resolve("cds"));
        runToEnd(sharing.classPath("subject", jar.toString(), OPTIONS), "record");

        List<String> withProperty = Stream.concat(OPTIONS.stream(), Stream.of("-Dlogback.configurationFile=/x"))
                .toList();
        assertThat(sharing.classPath("subject", jar.toString(), withProperty)
                        .archive()
                        .describe())
                .isEqualTo("class data archive used");
        assertThat(sharing.classPath("subject", jar.toString(), List.of("-Xmx96m"))
                        .archive()
                        .describe())
                .isEqualTo("recording a class data archive");
    }

    @Test
    void aChangedJarMakesItsArchiveStale() throws Exception {
        Path jar = subjectJar("first");
        ClassDataSharing sharing = ClassDataSharing.in(directory.resolve("cds"));
        runToEnd(sharing.classPath("subject", jar.toString(), OPTIONS), "record");
        List<Path> old = archives();

        subjectJar("second, a little longer");
        JvmLaunch rebuilt = sharing.classPath("subject", jar.toString(), OPTIONS);

        assertThat(rebuilt.archive().describe()).isEqualTo("recording a class data archive");
        assertThat(old.get(0)).doesNotExist();
        assertThat(runToEnd(rebuilt, "rebuilt")).endsWith("recording a class data archive");
        assertThat(archives()).hasSize(1);
    }

    @Test
    void aDamagedArchiveIsRefusedByTheJvmWhichStillRunsAndItIsDeleted() throws Exception {
        Path jar = subjectJar("first");
        ClassDataSharing sharing = ClassDataSharing.in(directory.resolve("cds"));
        runToEnd(sharing.classPath("subject", jar.toString(), OPTIONS), "record");
        Path archive = archives().get(0);
        archive.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.seek(file.length() / 2);
            file.write(new byte[4096]); // same length, other bytes: only the archive's checksums can tell
        }

        JvmLaunch damaged = sharing.classPath("subject", jar.toString(), OPTIONS);
        assertThat(damaged.archive().describe()).isEqualTo("class data archive used");
        String report = runToEnd(damaged, "damaged");

        assertThat(report).endsWith("class data archive refused");
        assertThat(archive).doesNotExist();
    }

    @Test
    void aTruncatedArchiveIsNeverGivenToTheJvm() throws Exception {
        Path jar = subjectJar("first");
        ClassDataSharing sharing = ClassDataSharing.in(directory.resolve("cds"));
        runToEnd(sharing.classPath("subject", jar.toString(), OPTIONS), "record");
        Path archive = archives().get(0);
        archive.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.setLength(file.length() / 2); // JDK 17 would crash on it, even with VerifySharedSpaces
        }

        JvmLaunch truncated = sharing.classPath("subject", jar.toString(), OPTIONS);

        assertThat(truncated.archive().describe()).isEqualTo("recording a class data archive");
        assertThat(runToEnd(truncated, "truncated")).endsWith("recording a class data archive");
        assertThat(archives()).hasSize(1);
    }

    @Test
    void aJarThatIsNoSpringBootJarRunsAsItIsWithoutAnArchive() throws Exception {
        Path jar = subjectJar("first");

        JvmLaunch launch = ClassDataSharing.in(directory.resolve("cds")).bootJar("subject", jar, OPTIONS);

        assertThat(launch.target()).containsExactly("-jar", jar.toString());
        assertThat(launch.archive()).isSameAs(SharedArchive.none());
    }

    @Test
    void aClassDirectoryOnTheClassPathRunsWithoutAnArchive() throws Exception {
        Path classes = Files.createDirectories(directory.resolve("classes"));

        JvmLaunch launch =
                ClassDataSharing.in(directory.resolve("cds")).classPath("subject", classes.toString(), OPTIONS);

        assertThat(launch.target()).containsExactly("-cp", classes.toString());
        assertThat(launch.archive()).isSameAs(SharedArchive.none());
    }

    @Test
    void offLeavesEveryLaunchAsItIs() {
        JvmLaunch launch = ClassDataSharing.off().classPath("subject", "lib/*", OPTIONS);

        assertThat(launch.commandLine()).containsExactly("-Xmx64m", "-XX:+UseSerialGC", "-cp", "lib/*");
    }

    /** Runs the subject to its end (exit code 0), closes it and returns its start-up report. */
    private String runToEnd(JvmLaunch launch, String name) throws IOException {
        JavaProcess process = start(launch, name);
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
        assertThat(Files.readString(process.logFile())).contains("subject ran with 0 arguments");
        String report = process.startupReport();
        process.close();
        return report;
    }

    private JavaProcess start(JvmLaunch launch, String name, String... arguments) {
        List<String> main = Stream.concat(Stream.of(ArchiveSubject.class.getName()), Stream.of(arguments))
                .toList();
        return JavaProcess.start(name, launch, main, Map.of(), directory.resolve("logs/" + name + ".log"));
    }

    private static void awaitOutput(JavaProcess process, String text) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(process.logFile())
                        && Files.readString(process.logFile()).contains(text));
    }

    private List<Path> archives() throws IOException {
        return filesEndingWith(".jsa");
    }

    private List<Path> filesEndingWith(String suffix) throws IOException {
        Path cds = directory.resolve("cds");
        if (!Files.exists(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(cds)) {
            return files.filter(file -> file.toString().endsWith(suffix)).toList();
        }
    }

    /** The subject's class in a jar (CDS archives classes from jars only); {@code version} changes its content. */
    private Path subjectJar(String version) throws IOException {
        Path jar = directory.resolve("subject.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        String entry = ArchiveSubject.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream subject = ArchiveSubject.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            subject.transferTo(out);
            out.putNextEntry(new JarEntry("version.txt"));
            out.write(version.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return jar;
    }
}
