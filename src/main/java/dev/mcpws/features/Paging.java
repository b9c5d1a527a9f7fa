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
     * {@code {<arrayKey>: [...], nextCursor?}} for the page after {@code params.cursor}, of the items {@code guard}
     * lists to the caller of {@code ctx}.
     *
     * @throws McpException -32602 for a cursor that is not a string this server made
     */
    static <T extends Guarded> Page page(RequestContext ctx, Guard guard, NavigableMap<String, T> all, int pageSize,
                                         String arrayKey, Function<T, JsonObject> render) {
        String after = Cursors.decode(cursor(ctx.params()));
        NavigableMap<String, T> rest = after == null ? all : all.tailMap(after, false);
        JsonArrayBuilder items = Json2.array();
        int n = 0;
        String last = null;
        boolean more = false;
        boolean perCaller = false;
        for (Map.Entry<String, T> e : rest.entrySet()) {
            T item = e.getValue();
            perCaller |= guard == Guard.HIDE && !item.access().isOpen();
            if (!guard.lists(item, ctx)) {
                continue;
            }
            if (n == pageSize) {
                more = true;
                break;
            }
            items.add(render.apply(item));
            last = e.getKey();
            n++;
        }
        JsonObjectBuilder result = Json2.object().add(arrayKey, items);
        if (more) {
            result.add("nextCursor", Cursors.encode(last));
        }
        return new Page(result, perCaller);
    }

    /** A page, and whether it depends on who asks (then it is cached privately). */
    record Page(JsonObjectBuilder result, boolean perCaller) {
    }

    /**
     * The whole answer of a list method: the page of {@link #page}, cacheable ({@code cacheScope} private when what
     * it shows depends on the caller's scopes), as a completed stage.
     *
     * @throws McpException -32602 for a cursor that is not a string this server made
     */
    public static <T extends Guarded> CompletionStage<JsonObject> list(RequestContext ctx, Guard guard,
                                                                       NavigableMap<String, T> all, int pageSize,
                                                                       String arrayKey, Function<T, JsonObject> render) {
        Page page = page(ctx, guard, all, pageSize, arrayKey, render);
        return CompletableFuture.completedFuture(ctx.cacheable(page.result(), page.perCaller()).build());
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
