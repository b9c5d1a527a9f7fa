package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The deploy files match the server they deploy: the Dockerfile passes a linter ({@code dockerfile-utils}, pinned in
 * {@code src/test/deploy}); the Kubernetes manifest parses, exposes the port {@code server.xml} listens on, probes the
 * health endpoints the server has (ObservabilityIT calls them on a running server), waits in {@code preStop} and
 * gives the drain time, and sets only configuration keys the server reads, secrets from a Secret. What is not
 * verified here: that the image builds and runs (no container engine on the build machines).
 */
@Timeout(120)
class DeployFilesIT {

    private final KubernetesManifest manifest = new KubernetesManifest();

    @Test
    void theDockerfilePassesTheLinter() throws Exception {
        File dir = new File("src/test/deploy");
        assertTrue(new File(dir, "node_modules/dockerfile-utils").isDirectory(), "npm ci ran in src/test/deploy");
        Process p = new ProcessBuilder("node", "node_modules/dockerfile-utils/bin/dockerfile-utils", "lint",
                new File("Dockerfile").getAbsolutePath()).directory(dir).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.trim(), "no warnings either");
    }

    @Test
    void theLinterFindsAProblemWhenThereIsOne() throws Exception {
        Path bad = Files.createTempFile("bad", ".Dockerfile");
        try {
            Files.writeString(bad, "FROM scratch\nEXPOSE nine-thousand\n");
            Process p = new ProcessBuilder("node", "node_modules/dockerfile-utils/bin/dockerfile-utils", "lint",
                    bad.toString()).directory(new File("src/test/deploy")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), out);
        } finally {
            Files.delete(bad);
        }
    }

    @Test
    void theManifestUsesThePortTheServerListensOnAndTheImageExposes() throws Exception {
        String port = serverXmlVariable("http.port");
        Map<String, Object> c = manifest.container();
        List<?> ports = (List<?>) KubernetesManifest.at(c, "ports");
        Map<String, Object> http = KubernetesManifest.map(ports.get(0));
        assertEquals("http", http.get("name"));
        assertEquals(Integer.parseInt(port), http.get("containerPort"));
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals("http", KubernetesManifest.at(c, probe, "httpGet", "port"), probe + " uses the named port");
        }
        Map<String, Object> service = manifest.kind("Service");
        assertEquals("http", KubernetesManifest.at(KubernetesManifest.map(((List<?>) KubernetesManifest.at(service,
                "spec", "ports")).get(0)), "targetPort"));
        assertEquals(KubernetesManifest.at(manifest.kind("Deployment"), "spec", "selector", "matchLabels"),
                KubernetesManifest.at(service, "spec", "selector"), "the Service selects the Deployment's pods");
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(Pattern.compile("(?m)^EXPOSE .*\\b" + port + "\\b").matcher(dockerfile).find(),
                "the Dockerfile exposes " + port);
    }

    @Test
    void theProbesAreTheServersHealthEndpoints() {
        assertEquals("/health/started", manifest.probePath("startupProbe"));
        assertEquals("/health/ready", manifest.probePath("readinessProbe"));
        assertEquals("/health/live", manifest.probePath("livenessProbe"));
    }

    @Test
    void shutdownWaitsForRoutingAndGivesTheDrainItsTime() throws Exception {
        List<?> command = (List<?>) KubernetesManifest.at(manifest.container(), "lifecycle", "preStop", "exec", "command");
        assertEquals("sleep", command.get(0));
        int preStop = Integer.parseInt(String.valueOf(command.get(1)));
        assertTrue(preStop >= 3, "long enough for the endpoints controller");
        int grace = (Integer) KubernetesManifest.at(manifest.kind("Deployment"), "spec", "template", "spec",
                "terminationGracePeriodSeconds");
        long drainMs = Long.parseLong(readmeDefault("mcp.drain.timeout-ms"));
        assertTrue(grace * 1000L > preStop * 1000L + drainMs + 5_000,
                "grace " + grace + " s > preStop + drain + Liberty's stop");
    }

    @Test
    void everyVariableIsAKeyTheServerReadsAndSecretsComeFromASecret() throws Exception {
        Set<String> keys = configKeys();
        List<?> env = (List<?>) KubernetesManifest.at(manifest.container(), "env");
        List<String> unknown = new ArrayList<>();
        for (Object o : env) {
            Map<String, Object> e = KubernetesManifest.map(o);
            String name = (String) e.get("name");
            if (keys.stream().noneMatch(k -> envName(k).equals(name))) {
                unknown.add(name);
            }
            if (name.equals("MCP_MRTR_SECRET") || name.startsWith("MP_JWT_")) {
                KubernetesManifest.at(e, "valueFrom", "secretKeyRef", "key");
            }
        }
        assertEquals(List.of(), unknown, "variables that map to no documented configuration key");
        assertTrue(env.stream().anyMatch(o -> "MCP_MRTR_SECRET".equals(KubernetesManifest.map(o).get("name"))));
    }

    /** MicroProfile Config's environment variable for a key: non-alphanumerics become {@code _}, upper case. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Every key of the README's configuration table, plus the mp.jwt keys its Authentication section lists. */
    static Set<String> configKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z][a-z0-9.-]+)` \\|").matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            keys.add(m.group(1));
        }
        Matcher jwt = Pattern.compile("`(mp\\.jwt\\.verify\\.[a-z.]+)`").matcher(Files.readString(Path.of("README.md")));
        while (jwt.find()) {
            keys.add(jwt.group(1));
        }
        return keys;
    }

    static String readmeDefault(String key) throws IOException {
        Matcher m = Pattern.compile("(?m)^\\| `" + Pattern.quote(key) + "` \\| `([^`]+)` \\|")
                .matcher(Files.readString(Path.of("README.md")));
        assertTrue(m.find(), key + " in the README configuration table");
        return m.group(1);
    }

    static String serverXmlVariable(String name) throws Exception {
        NodeList vars = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new File("liberty/config/server.xml")).getElementsByTagName("variable");
        for (int i = 0; i < vars.getLength(); i++) {
            Element v = (Element) vars.item(i);
            if (name.equals(v.getAttribute("name"))) {
                return v.getAttribute("defaultValue");
            }
        }
        throw new AssertionError(name + " in server.xml");
    }
}
