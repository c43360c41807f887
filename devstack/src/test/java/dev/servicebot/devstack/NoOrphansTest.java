package dev.servicebot.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * dynalite must not outlive the JVM that started it, however that JVM ends: a clean exit,
 * Ctrl-C (SIGINT, shutdown hooks run) or kill -9 (no hooks at all).
 */
class NoOrphansTest {

    /** Started in a child JVM: runs dynalite, prints its pid, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        Dynalite dynalite = Dynalite.start(0, null);
        System.out.println("DYNALITE_PID " + dynalite.pid());
        System.out.flush();
        Thread.sleep(120_000);
    }

    @Test
    void dynaliteDiesWhenItsJvmIsKilledHard() throws Exception {
        assertDynaliteStopsAfter(process -> process.destroyForcibly());
    }

    @Test
    void dynaliteStopsOnCtrlC() throws Exception {
        // A job started in the background by a script inherits SIGINT ignored, and so does every JVM under
        // it: there Ctrl-C cannot be tried at all, so say that rather than fail as a hang.
        assertThat(sigintIgnored()).as("SIGINT is ignored in this process (started in the background by a script?): "
                + "run the build in the foreground to test Ctrl-C").isFalse();
        assertDynaliteStopsAfter(process -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void assertDynaliteStopsAfter(java.util.function.Consumer<Process> ending) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), NoOrphansTest.class.getName()))
                .redirectErrorStream(true).start();
        try {
            long pid = readDynalitePid(jvm);
            ProcessHandle dynalite = ProcessHandle.of(pid).orElseThrow();
            assertThat(dynalite.isAlive()).isTrue();

            ending.accept(jvm);
            assertThat(jvm.waitFor(20, TimeUnit.SECONDS)).as("child JVM ended").isTrue();

            long deadline = System.currentTimeMillis() + 10_000;
            while (dynalite.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(dynalite.isAlive()).as("dynalite pid " + pid + " still running after its JVM ended").isFalse();
        } finally {
            jvm.destroyForcibly();
        }
    }

    /** Linux: bit 1 of the SigIgn mask in /proc/self/status is SIGINT (signal 2). */
    private static boolean sigintIgnored() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!java.nio.file.Files.exists(status)) {
            return false;
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0b10) != 0;
            }
        }
        return false;
    }

    private static long readDynalitePid(Process jvm) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("DYNALITE_PID ")) {
                return Long.parseLong(line.substring("DYNALITE_PID ".length()).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("child JVM ended without starting dynalite:\n" + seen);
    }
}
