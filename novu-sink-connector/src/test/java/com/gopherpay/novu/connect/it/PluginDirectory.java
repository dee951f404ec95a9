package com.gopherpay.novu.connect.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unzips the packaged plugin archive (the artifact we ship) into a fresh plugin.path directory. */
final class PluginDirectory {

    private PluginDirectory() {}

    static Path unzipPackagedPlugin() {
        String zip = System.getProperty("novu.plugin.zip");
        if (zip == null || !Files.isRegularFile(Path.of(zip))) {
            throw new IllegalStateException("The packaged plugin zip is missing (" + zip
                    + "): run the integration tests through Maven's verify phase, after package");
        }
        try {
            Path pluginPath = Files.createTempDirectory("novu-plugin-path");
            try (InputStream file = Files.newInputStream(Path.of(zip));
                    ZipInputStream in = new ZipInputStream(file)) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = pluginPath.resolve(entry.getName()).normalize();
                    if (!target.startsWith(pluginPath)) {
                        throw new IOException("zip entry escapes the plugin directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target);
                    }
                }
            }
            return pluginPath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
