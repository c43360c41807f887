package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the images are checked as text: every base image is an exact
 * version (a floating tag such as 17-jre or 20-slim changes under a rebuild), nothing runs as root,
 * dynalite is on a supported Node LTS, and the services' image is built from cli alone.
 */
class DockerfilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<Path> DOCKERFILES = List.of(ROOT.resolve("Dockerfile"), ROOT.resolve("devstack/Dockerfile.dynalite"));
    private static final Pattern FROM = Pattern.compile("^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern USER = Pattern.compile("^USER\\s+(\\S+)\\s*$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    /** A tag naming a full major.minor.patch version, or a digest. */
    private static final Pattern PINNED = Pattern.compile("[^:@]+(:[^@]*\\d+\\.\\d+\\.\\d+[^@]*)?(@sha256:[0-9a-f]{64})?");

    @Test
    void everyBaseImageIsAnExactVersion() throws IOException {
        for (Path dockerfile : DOCKERFILES) {
            List<String> stages = new ArrayList<>();
            Matcher from = FROM.matcher(Files.readString(dockerfile));
            int images = 0;
            while (from.find()) {
                String image = from.group(1);
                if (!stages.contains(image)) { // FROM an earlier stage is no base image
                    images++;
                    Matcher pinned = PINNED.matcher(image);
                    assertThat(pinned.matches() && (pinned.group(1) != null || pinned.group(2) != null))
                            .as(dockerfile.getFileName() + ": FROM " + image + " names no exact version").isTrue();
                }
                if (from.group(2) != null) {
                    stages.add(from.group(2));
                }
            }
            assertThat(images).as(dockerfile.getFileName() + " has a FROM").isPositive();
        }
    }

    @Test
    void everyImageRunsAsAUserOtherThanRoot() throws IOException {
        for (Path dockerfile : DOCKERFILES) {
            Matcher user = USER.matcher(Files.readString(dockerfile));
            String last = null;
            while (user.find()) {
                last = user.group(1);
            }
            assertThat(last).as(dockerfile.getFileName() + ": the last USER is who runs the container")
                    .isNotNull().isNotIn("root", "0", "0:0", "root:root");
        }
    }

    @Test
    void dynaliteRunsOnASupportedNodeLts() throws IOException {
        Matcher node = Pattern.compile("^FROM\\s+node:(\\d+)\\.", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("devstack/Dockerfile.dynalite")));
        assertThat(node.find()).as("dynalite's image is FROM node:MAJOR.minor.patch-...").isTrue();
        int major = Integer.parseInt(node.group(1));
        // Even majors are the LTS lines; 20's support ended in April 2026.
        assertThat(major).as("Node major").isGreaterThanOrEqualTo(22).matches(m -> m % 2 == 0, "an LTS (even) line");
    }

    @Test
    void theServicesImageIsBuiltFromCliAloneNotFromTheLocalStack() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher build = Pattern.compile("^RUN mvn .*$", Pattern.MULTILINE).matcher(dockerfile);
        assertThat(build.find()).as("the build stage runs Maven").isTrue();
        assertThat(build.group()).contains(" -pl cli ").doesNotContain("devstack");
        Matcher copies = Pattern.compile("^COPY --from=\\S+ (\\S+) ", Pattern.MULTILINE).matcher(dockerfile);
        List<String> copied = new ArrayList<>();
        while (copies.find()) {
            copied.add(copies.group(1));
        }
        // ProductionClasspathTest checks what cli/target/lib holds.
        assertThat(copied).containsExactlyInAnyOrder("/src/cli/target/servicebot.jar", "/src/cli/target/lib");
    }
}
