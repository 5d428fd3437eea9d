package dev.wharf.srctest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/Dockerfile, read as text (no docker on the test machines), agrees with the app and the chart. */
class DockerfileTest {

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    static List<String> instructions() {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repo.read("deploy/Dockerfile").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                current.append(trimmed);
                out.add(current.toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        return out;
    }

    /** The arguments of the last instruction of that name (the runtime stage's). */
    static String instruction(String name) {
        List<String> found = instructions().stream().filter(i -> i.startsWith(name + " ")).toList();
        assertThat(found).as("a %s instruction", name).isNotEmpty();
        return found.get(found.size() - 1).substring(name.length() + 1);
    }

    @Test
    void isMultiStageWithAJdkBuildAndAJreRuntime() {
        List<String> from = instructions().stream().filter(i -> i.startsWith("FROM ")).toList();
        assertThat(from).containsExactly("FROM eclipse-temurin:25-jdk AS build", "FROM eclipse-temurin:25-jre AS runtime");
        assertThat(Repo.read("deploy/Dockerfile"))
                .contains("./mvnw")
                .contains("-Djarmode=tools -jar platform-app/target/wharf-platform-exec.jar")
                .contains("extract --layers --launcher");
    }

    @Test
    void exposesTheAppAndManagementPortsAndChecksTheLivenessProbe() {
        assertThat(instruction("EXPOSE")).isEqualTo("8080 9090");
        assertThat(instruction("HEALTHCHECK")).contains("http://127.0.0.1:9090/actuator/health/liveness");
        assertThat(Repo.read("platform-app/src/main/resources/application.yaml")).contains("port: ${WHARF_PORT:8080}")
                .contains("port: ${WHARF_MANAGEMENT_PORT:9090}");
        assertThat(instruction("ENV")).contains("WHARF_PORT=8080").contains("WHARF_MANAGEMENT_PORT=9090");
    }

    @Test
    void runsAsTheNonRootUserTheChartExpects() {
        assertThat(instruction("USER")).isEqualTo("10001:10001");
        assertThat(instruction("RUN")).contains("--uid 10001");
        assertThat(Repo.read("helm/wharf/values.yaml")).contains("runAsUser: 10001");
    }

    @Test
    void keepsDataOnAVolumeAndSizesTheHeapFromTheContainer() {
        assertThat(instruction("VOLUME")).contains("/data");
        assertThat(instruction("ENV")).contains("WHARF_DATA_DIR=/data").contains("-XX:MaxRAMPercentage=");
        assertThat(instruction("ENTRYPOINT")).contains("exec java $JAVA_OPTS")
                .contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void theBuildContextIgnoreFileKeepsBuildOutputOut() {
        String ignore = Repo.read("deploy/Dockerfile.dockerignore");
        assertThat(ignore.lines()).contains("*", "!platform-app/", "!engine/", "!mvnw", "!.mvn/", "**/target/");
    }
}
