package dev.mcpws.engine;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies the {@code requestState} of 2026-07-28 multi round-trip requests (MRTR). The state is
 * {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}; the payload (compact JSON) binds it to the
 * principal, an expiry, and the original request (method + SHA-256 of its params without {@code _meta},
 * {@code inputResponses} and {@code requestState}), and carries the answers collected so far plus the keys the client
 * was asked for last. It is signed, not encrypted: it holds nothing the client did not send itself.
 */
public final class RequestStates {

    /** Params the client changes between rounds; everything else must stay the same. */
    private static final Set<String> ROUND_PARAMS = Set.of("_meta", "inputResponses", "requestState");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final long ttlMs;
    private final LongSupplier clock;

    /** What a verified state says. */
    public record State(JsonObject answers, Set<String> pending) {
    }

    public RequestStates(byte[] key, long ttlMs, LongSupplier clock) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the requestState key needs at least 16 bytes");
        }
        if (ttlMs < 1) {
            throw new IllegalArgumentException("the requestState TTL must be >= 1 ms");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.ttlMs = ttlMs;
        this.clock = clock;
    }

    public RequestStates(byte[] key, long ttlMs) {
        this(key, ttlMs, System::currentTimeMillis);
    }

    /** A random 256-bit key (valid for this process only). */
    public static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    public long ttlMs() {
        return ttlMs;
    }

    /** The name a state is bound to: the principal's name, or {@code anonymous}. */
    public static String principalName(java.security.Principal p) {
        return p == null || p.getName() == null ? "anonymous" : p.getName();
    }

    public String issue(String principal, String method, JsonObject params, JsonObject answers, Set<String> pending) {
        JsonArrayBuilder keys = Json2.array();
        pending.forEach(keys::add);
        String payload = Json2.object()
                .add("v", 1)
                .add("p", principal)
                .add("m", method)
                .add("d", digest(params))
                .add("x", clock.getAsLong() + ttlMs)
                .add("a", answers)
                .add("k", keys)
                .build().toString();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
    }

    /**
     * Checks a state the client sent back. Throws -32602 saying why it is refused: {@code malformed},
     * {@code tampered}, {@code expired}, {@code principal} or {@code request} (also in {@code data.reason}).
     */
    public State verify(String state, String principal, String method, JsonObject params) {
        int dot = state == null ? -1 : state.indexOf('.');
        if (dot <= 0 || dot != state.lastIndexOf('.')) {
            throw refused("malformed", "it is not a state this server issued");
        }
        byte[] payload;
        byte[] sig;
        try {
            payload = B64D.decode(state.substring(0, dot));
            sig = B64D.decode(state.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw refused("malformed", "it is not a state this server issued");
        }
        if (!MessageDigest.isEqual(mac(payload), sig)) {
            throw refused("tampered", "its integrity check failed (it was modified, or issued with another mcp.mrtr.secret)");
        }
        JsonObject p;
        try (var r = Json2.PROVIDER.createReader(new StringReader(new String(payload, StandardCharsets.UTF_8)))) {
            p = r.readObject();
        } catch (RuntimeException e) {
            throw refused("malformed", "its payload is unreadable");
        }
        if (!(p.get("x") instanceof JsonNumber x) || !(p.get("a") instanceof JsonObject answers)
                || !(p.get("k") instanceof JsonArray k)) {
            throw refused("malformed", "its payload is incomplete");
        }
        if (clock.getAsLong() > x.longValue()) {
            throw refused("expired", "it expired (valid " + ttlMs + " ms); send the original request again without "
                    + "inputResponses and requestState");
        }
        if (!principal.equals(Json2.stringOrNull(p, "p"))) {
            throw refused("principal", "it was issued to another principal");
        }
        if (!method.equals(Json2.stringOrNull(p, "m")) || !digest(params).equals(Json2.stringOrNull(p, "d"))) {
            throw refused("request", "it was issued for another request (method or params differ)");
        }
        Set<String> pending = new LinkedHashSet<>();
        for (JsonValue v : k) {
            if (v instanceof JsonString s) {
                pending.add(s.getString());
            }
        }
        return new State(answers, pending);
    }

    private static McpException refused(String reason, String why) {
        return new McpException(ErrorCodes.INVALID_PARAMS, "Invalid requestState: " + why,
                Json2.object().add("reason", reason).build());
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** SHA-256 (base64url) of the request's params without the per-round ones, in a canonical (sorted-key) form. */
    static String digest(JsonObject params) {
        StringBuilder sb = new StringBuilder();
        List<String> keys = new ArrayList<>(new TreeMap<>(params).keySet());
        sb.append('{');
        boolean first = true;
        for (String k : keys) {
            if (ROUND_PARAMS.contains(k)) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(Json2.string(k)).append(':');
            canonical(params.get(k), sb);
        }
        sb.append('}');
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void canonical(JsonValue v, StringBuilder sb) {
        if (v instanceof JsonObject o) {
            sb.append('{');
            boolean first = true;
            for (String k : new TreeMap<>(o).keySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(Json2.string(k)).append(':');
                canonical(o.get(k), sb);
            }
            sb.append('}');
        } else if (v instanceof JsonArray a) {
            sb.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                canonical(a.get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof JsonNumber n) {
            sb.append(n.bigDecimalValue().stripTrailingZeros().toPlainString());
        } else {
            sb.append(v);
        }
    }
}
