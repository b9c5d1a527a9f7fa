package dev.mcpws.it;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The example Kubernetes manifest ({@code deploy/kubernetes/mcp-websocket.yaml}), parsed. */
final class KubernetesManifest {

    static final Path FILE = Path.of("deploy/kubernetes/mcp-websocket.yaml");

    final List<Map<String, Object>> documents = new ArrayList<>();

    KubernetesManifest() {
        try (Reader r = Files.newBufferedReader(FILE)) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r)) {
                documents.add(map(doc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> kind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + FILE));
    }

    /** The only container of the Deployment. */
    Map<String, Object> container() {
        List<?> containers = (List<?>) at(kind("Deployment"), "spec", "template", "spec", "containers");
        if (containers.size() != 1) {
            throw new AssertionError("one container expected: " + containers);
        }
        return map(containers.get(0));
    }

    /** {@code httpGet.path} of the container's probe {@code name} (startupProbe, readinessProbe, livenessProbe). */
    String probePath(String name) {
        return (String) at(container(), name, "httpGet", "path");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new AssertionError("a mapping expected: " + o);
        }
        return (Map<String, Object>) m;
    }

    /** The value at a path of keys; fails naming the path when something is missing. */
    static Object at(Map<String, Object> root, String... keys) {
        Object o = root;
        for (String k : keys) {
            o = map(o).get(k);
            if (o == null) {
                throw new AssertionError("missing " + String.join(".", keys) + " in " + FILE);
            }
        }
        return o;
    }
}
