package dev.mcpws.tools;

import dev.mcpws.engine.EngineHarness;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An {@link EngineHarness} serving a {@link ToolsFeature}, speaking one protocol version (legacy or modern). */
final class ToolsHarness implements AutoCloseable {

    static final List<String> ALL_VERSIONS = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28");

    final EngineHarness h;
    final String version;
    final boolean modern;
    private final AtomicLong ids = new AtomicLong(100);

    ToolsHarness(String version, ToolRegistry registry, int pageSize) {
        this.h = new EngineHarness(List.of(new ToolsFeature(registry, pageSize)));
        this.version = version;
        this.modern = version.equals("2026-07-28");
        if (!modern) {
            String negotiated = h.initialize(version).getJsonObject("result").getString("protocolVersion");
            if (!negotiated.equals(version)) {
                throw new IllegalStateException("negotiated " + negotiated);
            }
        }
    }

    ToolsHarness(String version, ToolRegistry registry) {
        this(version, registry, 100);
    }

    /** Params for this harness's version: with the 2026-07-28 _meta when modern. */
    JsonObjectBuilder params() {
        return modern ? EngineHarness.modernParams() : Json.createObjectBuilder();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Sends a request and returns the whole response text. */
    String exchange(String method, JsonObjectBuilder params) {
        return h.exchange(EngineHarness.request(nextId(), method, params));
    }

    /** Sends a request and returns the response's {@code result} or {@code error} object. */
    JsonObject send(String method, JsonObjectBuilder params) {
        JsonObject response = (JsonObject) EngineHarness.parse(exchange(method, params));
        return response.containsKey("result") ? response.getJsonObject("result") : response.getJsonObject("error");
    }

    JsonObject list(JsonValue cursor) {
        JsonObjectBuilder p = params();
        if (cursor != null) {
            p.add("cursor", cursor);
        }
        return send("tools/list", p);
    }

    JsonObject list(String cursor) {
        return list(cursor == null ? null : Json.createValue(cursor));
    }

    JsonObjectBuilder callParams(String name, JsonObjectBuilder arguments) {
        JsonObjectBuilder p = params().add("name", name);
        if (arguments != null) {
            p.add("arguments", arguments);
        }
        return p;
    }

    /** {@code tools/call}: the result or error object. */
    JsonObject call(String name, JsonObjectBuilder arguments) {
        return send("tools/call", callParams(name, arguments));
    }

    /** The result without what the engine adds to every modern result, so one expectation fits every era. */
    static JsonObject withoutEnvelope(JsonObject result) {
        JsonObjectBuilder b = Json.createObjectBuilder(result);
        b.remove("resultType");
        b.remove("_meta");
        return b.build();
    }

    static JsonObjectBuilder args() {
        return Json.createObjectBuilder();
    }

    @Override
    public void close() {
        h.close();
    }
}
