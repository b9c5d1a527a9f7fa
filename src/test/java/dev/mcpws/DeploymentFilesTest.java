package dev.mcpws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the deployment files promise (no Docker engine runs here, so the image is checked as text): the Docker image
 * leaves the examples out, {@code mvn liberty:run} keeps them. That the switch works is {@code ExamplesSwitchIT}'s job.
 */
class DeploymentFilesTest {

    private static final Pattern EXAMPLES_OFF = Pattern.compile("(?m)^ENV\\s+MCP_EXAMPLES_ENABLED=\"?false\"?\\s*$");

    @Test
    void theDockerImageLeavesTheExamplesOut() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        assertTrue(EXAMPLES_OFF.matcher(runtimeStage).find(),
                "the runtime stage sets ENV MCP_EXAMPLES_ENABLED=false (read by MicroProfile Config as mcp.examples.enabled)");
    }

    @Test
    void libertyRunKeepsTheExamples() throws IOException {
        try (var files = Files.walk(Path.of("liberty/config"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f).toLowerCase(java.util.Locale.ROOT);
                assertFalse(text.contains("examples.enabled") || text.contains("examples_enabled"), f.toString());
            }
        }
        for (Path f : List.of(Path.of("src/main/resources/META-INF/microprofile-config.properties"),
                Path.of("src/main/webapp/META-INF/microprofile-config.properties"))) {
            assertFalse(Files.exists(f) && Files.readString(f).contains("examples"), f + " would switch them off everywhere");
        }
    }
}
