package dev.mcpws.transport.http;

import dev.mcpws.engine.Era;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.MetaKeys;
import dev.mcpws.engine.MethodSpec;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The Streamable HTTP rules that need no server: the 2026-07-28 request-metadata headers
 * ({@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name}), content negotiation and the HTTP status of a
 * JSON-RPC response.
 */
public final class HttpRules {

    public static final String SESSION_ID = "Mcp-Session-Id";
    public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    public static final String METHOD = "Mcp-Method";
    public static final String NAME = "Mcp-Name";

    private HttpRules() {
    }

    /**
     * Checks the 2026-07-28 request-metadata headers against the body: a missing {@code MCP-Protocol-Version},
     * {@code Mcp-Method} or (for {@code tools/call}, {@code resources/read}, {@code prompts/get}) {@code Mcp-Name},
     * or one that differs from the body, is a {@code -32020} HeaderMismatch. Returns the error, or null when the
     * headers are fine. (An unsupported version in a matching header is left to the engine: -32022.)
     *
     * @param header reads a request header by name (case-insensitively), null when absent
     */
    public static JsonRpcError checkModernHeaders(JsonRpcRequest request, Function<String, String> header, McpEngine engine) {
        return checkModernHeaderValues(request, name -> {
            String value = header.apply(name);
            return value == null ? List.of() : List.of(value);
        }, engine);
    }

    /**
     * As {@link #checkModernHeaders(JsonRpcRequest, Function, McpEngine)}, and a header sent more than once with
     * different values is a {@code -32020} too: one copy could match the body while an intermediary routed on the other.
     *
     * @param values every value of a request header by name (case-insensitively), empty when absent
     */
    public static JsonRpcError checkModernHeaderValues(JsonRpcRequest request, Function<String, List<String>> values,
                                                       McpEngine engine) {
        for (String name : List.of(PROTOCOL_VERSION, METHOD, NAME)) {
            if (values.apply(name).stream().map(String::trim).distinct().count() > 1) {
                return mismatch(request, "Header mismatch: the " + name + " header is sent more than once with different"
                        + " values");
            }
        }
        Function<String, String> header = name -> {
            List<String> all = values.apply(name);
            return all.isEmpty() ? null : all.get(0);
        };
        String version = trim(header.apply(PROTOCOL_VERSION));
        JsonValue bodyVersion = request.meta().get(MetaKeys.PROTOCOL_VERSION);
        if (version == null) {
            return mismatch(request, "Header mismatch: the " + PROTOCOL_VERSION + " header is required");
        }
        if (bodyVersion instanceof JsonString s && !s.getString().equals(version)) {
            return mismatch(request, "Header mismatch: " + PROTOCOL_VERSION + " header value '" + version
                    + "' does not match body value '" + s.getString() + "'");
        }
        String method = trim(header.apply(METHOD));
        if (method == null) {
            return mismatch(request, "Header mismatch: the " + METHOD + " header is required");
        }
        if (!method.equals(request.method())) {
            return mismatch(request, "Header mismatch: " + METHOD + " header value '" + method
                    + "' does not match body value '" + request.method() + "'");
        }
        MethodSpec spec = engine.method(request.method());
        // Mcp-Name names the target of a 2026-07-28 method; a legacy-only one (resources/subscribe) is -32601 anyway
        if (spec != null && spec.target() != null && spec.existsIn(Era.MODERN)) {
            String body = spec.targetOf(request.params());
            String raw = trim(header.apply(NAME));
            if (body != null && raw == null) {
                return mismatch(request, "Header mismatch: the " + NAME + " header is required for " + request.method());
            }
            if (raw != null) {
                String name = decode(raw);
                if (name == null) {
                    return mismatch(request, "Header mismatch: " + NAME + " header value is not valid base64");
                }
                if (!name.equals(body)) {
                    return mismatch(request, "Header mismatch: " + NAME + " header value '" + raw
                            + "' does not match body value '" + body + "'");
                }
            }
        }
        return null;
    }

    /** Decodes the {@code =?base64?...?=} sentinel form of a header value; plain values come back as they are. */
    public static String decode(String value) {
        if (value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
            try {
                return new String(Base64.getDecoder().decode(value.substring(9, value.length() - 2)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return value;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim(); // RFC 9110: optional whitespace around a field value is not part of it
    }

    private static JsonRpcError mismatch(JsonRpcRequest request, String message) {
        return new JsonRpcError(request.id(), ErrorCodes.HEADER_MISMATCH, message);
    }

    /** True when the {@code Accept} header admits an SSE response. */
    public static boolean acceptsSse(String accept) {
        return accept != null && mediaTypes(accept).contains("text/event-stream");
    }

    /** True when the {@code Accept} header (absent means anything) admits JSON or SSE. */
    public static boolean acceptsJsonOrSse(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        Set<String> types = mediaTypes(accept);
        return types.contains("application/json") || types.contains("text/event-stream")
                || types.contains("*/*") || types.contains("application/*") || types.contains("text/*");
    }

    private static Set<String> mediaTypes(String accept) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String part : accept.split(",")) {
            int semi = part.indexOf(';');
            out.add((semi < 0 ? part : part.substring(0, semi)).trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * True when a {@code Content-Type} is JSON: exactly the media type {@code application/json} (any case, optional
     * whitespace), whose {@code charset} parameter, if any, is UTF-8 (RFC 8259: JSON exchanged between systems is
     * UTF-8). {@code application/jsonx}, {@code application/json-seq} or a Latin-1 charset are not JSON.
     */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                if (!v.equalsIgnoreCase("utf-8") && !v.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Why a request's body framing cannot be trusted: the HTTP status and the message of the refusal. */
    public record FramingError(int status, String message) {
    }

    /**
     * The framing rules of RFC 9112 (section 6) for a request body, checked on the header values as the container
     * passes them on (it forwards what it does not itself refuse): every {@code Content-Length} value must be the same
     * non-negative decimal number (duplicates of one value are allowed); {@code Content-Length} together with
     * {@code Transfer-Encoding} is refused (request smuggling); the only transfer coding served is {@code chunked}, once
     * ({@code 501} for any other, {@code 400} for {@code chunked} twice). More than one {@code Content-Type} is refused.
     * Returns null when the framing is sound.
     *
     * @param contentLengths    every {@code Content-Length} field value of the request
     * @param transferEncodings every {@code Transfer-Encoding} field value
     * @param contentTypes      every {@code Content-Type} field value
     */
    public static FramingError checkFraming(java.util.List<String> contentLengths, java.util.List<String> transferEncodings,
                                            java.util.List<String> contentTypes) {
        String length = null;
        for (String field : contentLengths) {
            for (String v : field.split(",", -1)) {
                String t = v.trim();
                if (t.isEmpty() || t.length() > 19 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return new FramingError(400, "Bad Request: invalid Content-Length");
                }
                String n = t.replaceFirst("^0+(?=.)", "");
                if (length != null && !length.equals(n)) {
                    return new FramingError(400, "Bad Request: conflicting Content-Length values");
                }
                length = n;
            }
        }
        java.util.List<String> codings = new java.util.ArrayList<>();
        for (String field : transferEncodings) {
            for (String v : field.split(",")) {
                String t = v.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    codings.add(t);
                }
            }
        }
        if (!transferEncodings.isEmpty() && length != null) {
            return new FramingError(400, "Bad Request: Content-Length and Transfer-Encoding together");
        }
        for (String c : codings) {
            if (!c.equals("chunked")) { // gzip, deflate, compress, identity, parameters, anything else
                return new FramingError(501, "Not Implemented: the only transfer coding served is chunked");
            }
        }
        if (!transferEncodings.isEmpty() && codings.size() != 1) {
            return new FramingError(400, "Bad Request: invalid Transfer-Encoding");
        }
        if (contentTypes.size() > 1) {
            return new FramingError(400, "Bad Request: more than one Content-Type");
        }
        return null;
    }

    /** The {@code data.requiredScopes} of a -32007 error, space-separated (the {@code scope} of its challenge). */
    static String requiredScopes(JsonRpcError error) {
        if (error.data() instanceof JsonObject d && d.get("requiredScopes") instanceof jakarta.json.JsonArray a) {
            return String.join(" ", a.getValuesAs(jakarta.json.JsonString::getString));
        }
        return "";
    }

    /**
     * The HTTP status of a JSON body holding {@code message}: 200, except for protocol errors the transport
     * spec maps to 4xx (an unknown method of a 2026-07-28 request is 404; header, version, capability and
     * missing-{@code _meta} errors and malformed requests are 400; a token without the scopes a
     * tool, resource or prompt requires is 403, RFC 6750's insufficient_scope).
     */
    public static int status(JsonRpcMessage message, boolean modern) {
        if (!(message instanceof JsonRpcError e)) {
            return 200;
        }
        switch (e.code()) {
            case ErrorCodes.METHOD_NOT_FOUND:
                return modern ? 404 : 200;
            case ErrorCodes.HEADER_MISMATCH:
            case ErrorCodes.MISSING_CLIENT_CAPABILITY:
            case ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION:
            case ErrorCodes.PARSE_ERROR:
            case ErrorCodes.INVALID_REQUEST:
                return 400;
            case ErrorCodes.INSUFFICIENT_SCOPE:
                return 403;
            case ErrorCodes.INVALID_PARAMS:
                return modern && e.data() instanceof JsonObject d && d.containsKey("missing") ? 400 : 200;
            default:
                return 200;
        }
    }
}
