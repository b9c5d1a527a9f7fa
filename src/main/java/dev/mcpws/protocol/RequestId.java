package dev.mcpws.protocol;

import java.util.Objects;

/** A JSON-RPC request id: a string or an integer, never null. */
public record RequestId(Object value) {

    public RequestId {
        Objects.requireNonNull(value, "id");
        if (!(value instanceof String) && !(value instanceof Long)) {
            throw new IllegalArgumentException("A request id is a String or a Long: " + value.getClass());
        }
    }

    public static RequestId of(String id) {
        return new RequestId(id);
    }

    public static RequestId of(long id) {
        return new RequestId(id);
    }

    public boolean isString() {
        return value instanceof String;
    }

    @Override
    public String toString() {
        return value instanceof String s ? '"' + s + '"' : value.toString();
    }
}
