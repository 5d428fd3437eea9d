package dev.wharf.srctest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.srctest.fixtures.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's commands must work on a machine whose default {@code java} is too old: {@code ./mvnw} and
 * {@code ./wharf} source {@code .mvn/wrapper/select-jdk.sh}, which picks the newest JDK >= 21 or fails with a
 * message saying what to do. Runs the real script against fake JDK folders.
 */
class JdkSelectionTest {

    @TempDir
    Path jdks;

    record Outcome(int exitCode, String stdout, String stderr) {
    }

    private static final Path SCRIPT = Fixtures.srcTestDir().getParent().resolve(".mvn/wrapper/select-jdk.sh");

    private Path fakeJdk(String folder, String version) throws IOException {
        Path home = jdks.resolve(folder);
        Files.createDirectories(home.resolve("bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Path exe = home.resolve("bin").resolve(tool);
            Files.writeString(exe, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    private Outcome select(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", ". \"$1\" && printf '%s' \"$JAVA_HOME\"", "sh",
                SCRIPT.toString());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("WHARF_JAVA_HOME");
        pb.environment().put("WHARF_JDK_DIRS", jdks + "/*");
        pb.environment().putAll(env);
        Process process = pb.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("select-jdk.sh finished").isTrue();
        return new Outcome(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void picksTheNewestJdkOfAtLeast21() throws Exception {
        fakeJdk("jdk-17", "17.0.15");
        fakeJdk("jdk-21", "21.0.4");
        Path newest = fakeJdk("jdk-25", "25.0.3");
        fakeJdk("jdk-8", "1.8.0_402");

        Outcome outcome = select(Map.of());

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).isEqualTo(newest.toString());
    }

    @Test
    void keepsJavaHomeWhenItIsNewEnough() throws Exception {
        Path jdk21 = fakeJdk("jdk-21", "21");
        fakeJdk("jdk-25", "25.0.3");

        Outcome outcome = select(Map.of("JAVA_HOME", jdk21.toString()));

        assertThat(outcome.stdout()).isEqualTo(jdk21.toString());
    }

    @Test
    void replacesAJavaHomeThatIsTooOld() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        Path jdk25 = fakeJdk("jdk-25", "25.0.3");

        Outcome outcome = select(Map.of("JAVA_HOME", jdk17.toString()));

        assertThat(outcome.stdout()).isEqualTo(jdk25.toString());
    }

    @Test
    void failsWithAClearMessageWhenNoJdkIsNewEnough() throws Exception {
        fakeJdk("jdk-17", "17.0.15");

        Outcome outcome = select(Map.of());

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.stdout()).isEmpty();
        assertThat(outcome.stderr())
                .contains("no JDK 21 or newer found")
                .contains("jdk-17(17)")
                .contains("WHARF_JAVA_HOME");
    }

    @Test
    void rejectsAnExplicitWharfJavaHomeThatIsTooOld() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        fakeJdk("jdk-25", "25");

        Outcome outcome = select(Map.of("WHARF_JAVA_HOME", jdk17.toString()));

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.stderr()).contains("WHARF_JAVA_HOME=" + jdk17).contains("not a JDK 21 or newer");
    }
}
