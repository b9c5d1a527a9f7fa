package dev.mcpws.features;

import dev.mcpws.engine.Cursors;
import dev.mcpws.engine.McpException;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.protocol.Json2;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** One page of a list method, in key order, with an opaque {@code nextCursor} naming the last key of the page. */
public final class Paging {

    private Paging() {
    }

    /**
     * {@code {<arrayKey>: [...], nextCursor?}} for the page after {@code params.cursor}.
     *
     * @throws McpException -32602 for a cursor that is not a string this server made
     */
    public static <T> JsonObjectBuilder page(JsonObject params, NavigableMap<String, T> all, int pageSize,
                                             String arrayKey, Function<T, JsonObject> render) {
        String after = Cursors.decode(cursor(params));
        NavigableMap<String, T> rest = after == null ? all : all.tailMap(after, false);
        JsonArrayBuilder items = Json2.array();
        int n = 0;
        String last = null;
        boolean more = false;
        for (Map.Entry<String, T> e : rest.entrySet()) {
            if (n == pageSize) {
                more = true;
                break;
            }
            items.add(render.apply(e.getValue()));
            last = e.getKey();
            n++;
        }
        JsonObjectBuilder result = Json2.object().add(arrayKey, items);
        if (more) {
            result.add("nextCursor", Cursors.encode(last));
        }
        return result;
    }

    /**
     * The whole answer of a list method: the page of {@link #page}, cacheable, as a completed stage.
     *
     * @throws McpException -32602 for a cursor that is not a string this server made
     */
    public static <T> CompletionStage<JsonObject> list(RequestContext ctx, NavigableMap<String, T> all, int pageSize,
                                                       String arrayKey, Function<T, JsonObject> render) {
        return CompletableFuture.completedFuture(ctx.cacheable(page(ctx.params(), all, pageSize, arrayKey, render)).build());
    }

    /** {@code pageSize} when it is at least 1 (the features check it when they are built). */
    public static int checkPageSize(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be >= 1");
        }
        return pageSize;
    }

    private static String cursor(JsonObject params) {
        JsonValue c = params.get("cursor");
        if (c == null || c.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(c instanceof JsonString s)) {
            throw McpException.invalidParams("Invalid cursor");
        }
        return s.getString();
    }
}
