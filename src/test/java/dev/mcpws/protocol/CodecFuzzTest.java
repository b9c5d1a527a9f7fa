package dev.mcpws.protocol;

import static dev.mcpws.testing.Fuzz.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.testing.Fuzz;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing {@link JsonRpcCodec} with seeded random input ({@link Fuzz}): whatever text or JSON arrives, decoding
 * returns a message and never throws, malformed input is classified -32700 or -32600 only, and every request survives
 * decode + encode exactly (ids and strings of any UTF-16, lone surrogates included; numbers of any size).
 */
class CodecFuzzTest {

    static final Set<Integer> MALFORMED = Set.of(ErrorCodes.PARSE_ERROR, ErrorCodes.INVALID_REQUEST);

    @Test
    void anyTextDecodesToAMessageOrADocumentedError() {
        Fuzz.cases(r -> {
            String text = text(r);
            JsonRpcMessage m = JsonRpcCodec.decode(text);
            assertNotNull(m);
            assertClassified(m, text);
        });
    }

    @Test
    void anyJsonDecodesToAMessageOrADocumentedError() {
        Fuzz.cases(r -> {
            JsonValue value = r.nextBoolean() ? Fuzz.value(r, 4) : messageShaped(r);
            assertClassified(JsonRpcCodec.decode(JsonRpcCodec.toText(value)), value.toString());
        });
    }

    @Test
    void requestsSurviveTheRoundTripExactly() {
        Fuzz.cases(r -> {
            JsonObject request = request(r);
            JsonRpcMessage m = JsonRpcCodec.decode(JsonRpcCodec.toText(request));
            assertTrue(m instanceof JsonRpcRequest, m + " for " + request);
            // empty params are the same as none, and are sent as none
            JsonObject expected = request.getJsonObject("params").isEmpty()
                    ? JSON.createObjectBuilder(request).remove("params").build() : request;
            assertEquals(Fuzz.escaped(expected.toString()), Fuzz.escaped(parse(JsonRpcCodec.encode(m)).toString()));
        });
    }

    @Test
    void aLoneSurrogateInAnIdSurvivesTheCodec() {
        JsonObject request = JSON.createObjectBuilder().add("jsonrpc", "2.0").add("id", "a\uD800b").add("method", "m")
                .build();
        assertEquals(request, parse(JsonRpcCodec.encode(JsonRpcCodec.decode(JsonRpcCodec.toText(request)))));
    }

    private static void assertClassified(JsonRpcMessage m, String input) {
        if (m instanceof InvalidMessage bad) {
            assertTrue(MALFORMED.contains(bad.code()), bad + " for " + input);
            assertTrue(bad.reason() != null && !bad.reason().isEmpty());
        } else if (m instanceof JsonRpcBatch batch) {
            batch.messages().forEach(item -> assertClassified(item, input));
        }
    }

    private static JsonValue parse(String text) {
        try (var r = JSON.createReader(new StringReader(text))) {
            return r.readValue();
        }
    }

    // ------------------------------------------------------------------ generators

    /** Random code units, JSON-like fragments, or a valid request broken in one of several ways. */
    static String text(Random r) {
        switch (r.nextInt(3)) {
            case 0:
                return Fuzz.anyString(r, 300);
            case 1: {
                String alphabet = "{}[]\":,0123456789.eE+-truefalsnl \\u";
                StringBuilder b = new StringBuilder();
                for (int i = r.nextInt(120); i > 0; i--) {
                    b.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                return b.toString();
            }
            default: {
                String t = JsonRpcCodec.toText(request(r));
                int cut = r.nextInt(t.length());
                return switch (r.nextInt(9)) {
                    case 0 -> t.substring(0, cut);                              // truncated
                    case 1 -> t.substring(cut);                                 // a tail
                    case 2 -> t + t;                                            // two values
                    case 3 -> t + " " + Fuzz.anyString(r, 10);                  // trailing garbage
                    case 4 -> t.substring(0, cut) + (char) r.nextInt(0x20) + t.substring(cut); // a raw control char
                    case 5 -> t.replace("\"2.0\"", "\"1.0\"");                  // wrong version
                    case 6 -> "[" + t + "," + t + ",[" + t + "]]";              // a batch with a nested batch
                    case 7 -> "[".repeat(1 + r.nextInt(3000)) + t;              // deep nesting
                    default -> "{\"a\":".repeat(1 + r.nextInt(3000)) + "1";     // deep objects
                };
            }
        }
    }

    /** An object with the members of a JSON-RPC message, each of a random type. */
    static JsonObject messageShaped(Random r) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        for (String k : new String[] {"jsonrpc", "id", "method", "params", "result", "error"}) {
            if (r.nextBoolean()) {
                b.add(k, r.nextInt(3) == 0 ? Fuzz.object(r, 1) : Fuzz.scalar(r));
            }
        }
        return b.build();
    }

    /** A valid request: an integer or string id (any UTF-16), any method name, params of nested values. */
    static JsonObject request(Random r) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("jsonrpc", "2.0");
        if (r.nextBoolean()) {
            b.add("id", r.nextLong());
        } else {
            b.add("id", Fuzz.anyString(r, 40));
        }
        String method = Fuzz.anyString(r, 30);
        return b.add("method", method.isEmpty() ? "m" : method).add("params", Fuzz.object(r, 3)).build();
    }
}
