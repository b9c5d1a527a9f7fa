package dev.mcpws.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns text into {@link JsonRpcMessage}s and back. It never throws on bad input: unreadable JSON becomes an
 * {@link InvalidMessage} with -32700 and a JSON value that is not a JSON-RPC message becomes one with -32600,
 * so the transport can answer and keep the connection open. Thread-safe; the factories are created once.
 */
public final class JsonRpcCodec {

    public static final String JSONRPC_VERSION = "2.0";

    private static final JsonParserFactory PARSERS = Json2.PROVIDER.createParserFactory(Map.of());
    private static final JsonGeneratorFactory GENERATORS = Json2.PROVIDER.createGeneratorFactory(Map.of());
    private static final JsonWriterFactory WRITERS = Json2.PROVIDER.createWriterFactory(Map.of());

    private JsonRpcCodec() {
    }

    // ------------------------------------------------------------------ decoding

    public static JsonRpcMessage decode(String text) {
        JsonValue value;
        // a parser, not a JsonReader: the reader stops after the first value and ignores whatever follows it
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) { // throws for trailing garbage; true for a second value
                return new InvalidMessage(null, ErrorCodes.PARSE_ERROR, "Parse error: more than one JSON value");
            }
        } catch (RuntimeException e) {
            // JsonException, IllegalStateException, NoSuchElementException, and Parsson's plain RuntimeException
            // for input nested deeper than its limit: all mean "not acceptable JSON", never a reason to throw
            return new InvalidMessage(null, ErrorCodes.PARSE_ERROR, "Parse error: " + firstLine(e.getMessage()));
        }
        return decode(value);
    }

    /** Classifies an already parsed JSON value. */
    public static JsonRpcMessage decode(JsonValue value) {
        if (value instanceof JsonArray array) {
            if (array.isEmpty()) {
                return new InvalidMessage(null, ErrorCodes.INVALID_REQUEST, "Invalid Request: empty batch");
            }
            List<JsonRpcMessage> items = new ArrayList<>(array.size());
            for (JsonValue item : array) {
                items.add(item instanceof JsonArray
                        ? new InvalidMessage(null, ErrorCodes.INVALID_REQUEST, "Invalid Request: nested batch")
                        : decode(item));
            }
            return new JsonRpcBatch(items);
        }
        if (!(value instanceof JsonObject obj)) {
            return new InvalidMessage(null, ErrorCodes.INVALID_REQUEST, "Invalid Request: not a JSON object");
        }
        JsonValue idValue = obj.get("id");
        RequestId id = idValue == null ? null : Json2.idOrNull(idValue);
        if (!(obj.get("jsonrpc") instanceof JsonString v) || !JSONRPC_VERSION.equals(v.getString())) {
            return new InvalidMessage(id, ErrorCodes.INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        JsonValue methodValue = obj.get("method");
        if (methodValue != null) {
            if (!(methodValue instanceof JsonString method) || method.getString().isEmpty()) {
                return new InvalidMessage(id, ErrorCodes.INVALID_REQUEST, "Invalid Request: \"method\" must be a non-empty string");
            }
            JsonValue params = obj.get("params");
            if (params != null && params.getValueType() != JsonValue.ValueType.OBJECT) {
                return new InvalidMessage(id, ErrorCodes.INVALID_REQUEST,
                        "Invalid Request: \"params\" must be an object");
            }
            JsonObject paramsObject = (JsonObject) params;
            if (idValue == null) {
                return new JsonRpcNotification(method.getString(), paramsObject);
            }
            if (id == null) {
                return new InvalidMessage(null, ErrorCodes.INVALID_REQUEST,
                        "Invalid Request: \"id\" must be a string or an integer, not " + idValue);
            }
            return new JsonRpcRequest(id, method.getString(), paramsObject);
        }
        // a response from the peer
        if (obj.get("result") instanceof JsonObject result && id != null) {
            return new JsonRpcResult(id, result);
        }
        if (obj.get("error") instanceof JsonObject error && error.get("code") instanceof jakarta.json.JsonNumber code) {
            String message = error.get("message") instanceof JsonString m ? m.getString() : "";
            return new JsonRpcError(id, code.intValue(), message, error.get("data"));
        }
        return new InvalidMessage(id, ErrorCodes.INVALID_REQUEST,
                "Invalid Request: neither a request, a notification nor a response");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    // ------------------------------------------------------------------ encoding

    public static String encode(JsonRpcMessage message) {
        StringWriter out = new StringWriter(256);
        encode(message, out);
        return out.toString();
    }

    /** Writes a message; lone UTF-16 surrogates in its strings are written as JSON escapes (they have no UTF-8 form). */
    public static void encode(JsonRpcMessage message, Writer out) {
        try (JsonGenerator g = GENERATORS.createGenerator(new LoneSurrogateEscaper(out))) {
            write(g, message);
        }
    }

    private static void write(JsonGenerator g, JsonRpcMessage message) {
        if (message instanceof JsonRpcBatch batch) {
            g.writeStartArray();
            for (JsonRpcMessage m : batch.messages()) {
                write(g, m);
            }
            g.writeEnd();
        } else if (message instanceof JsonRpcRequest r) {
            g.writeStartObject().write("jsonrpc", JSONRPC_VERSION);
            writeId(g, r.id());
            g.write("method", r.method());
            if (!r.params().isEmpty()) {
                g.write("params", r.params());
            }
            g.writeEnd();
        } else if (message instanceof JsonRpcNotification n) {
            g.writeStartObject().write("jsonrpc", JSONRPC_VERSION).write("method", n.method());
            if (!n.params().isEmpty()) {
                g.write("params", n.params());
            }
            g.writeEnd();
        } else if (message instanceof JsonRpcResult r) {
            g.writeStartObject().write("jsonrpc", JSONRPC_VERSION);
            writeId(g, r.id());
            g.write("result", r.result());
            g.writeEnd();
        } else if (message instanceof JsonRpcError e) {
            g.writeStartObject().write("jsonrpc", JSONRPC_VERSION);
            writeId(g, e.id());
            g.writeStartObject("error").write("code", e.code()).write("message", e.message());
            if (e.data() != null) {
                g.write("data", e.data());
            }
            g.writeEnd().writeEnd();
        } else if (message instanceof InvalidMessage m) {
            write(g, new JsonRpcError(m.id(), m.code(), m.reason()));
        }
    }

    private static void writeId(JsonGenerator g, RequestId id) {
        if (id == null) {
            g.writeNull("id");
        } else if (id.value() instanceof String s) {
            g.write("id", s);
        } else {
            g.write("id", (Long) id.value());
        }
    }

    /** Writes any JSON value compactly (for logs and tests). */
    public static String toText(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = WRITERS.createWriter(out)) {
            w.write(value);
        }
        return out.toString();
    }
}
