package dev.mcpws.cluster;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Objects;

/**
 * One cluster message on the wire: a small JSON object, e.g.
 * <pre>{"v":1,"node":"7f3a…","server":"mcp-websocket/1.2.0","key":"9c1e…","kind":"resources/updated","uri":"file:///a"}</pre>
 * ({@code "kind":"tasks/status","taskId":"…"} for a task: only its id travels, its state is read from the task store).
 * {@code node} is the sender (a node skips its own messages), {@code server} its {@code mcp.server.name}/{@code version}
 * and {@code key} a fingerprint of its {@code mcp.mrtr.secret} (never the secret): a receiver warns when either differs
 * from its own. A message of another version, an unknown kind or over {@link #MAX_CHARS} is refused.
 *
 * @param node   the sending node's id
 * @param server the sender's {@code name/version}
 * @param key    the sender's secret fingerprint
 * @param event  what happened
 */
public record Envelope(String node, String server, String key, ClusterEvent event) {

    /** The format version; a node refuses envelopes of another. */
    public static final int VERSION = 1;
    /** The largest envelope read (a resource URI is far smaller; anything larger is not ours). */
    public static final int MAX_CHARS = 16 * 1024;

    public Envelope {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
    }

    /** The JSON text. */
    public String encode() {
        JsonObjectBuilder b = Json2.object().add("v", VERSION).add("node", node).add("server", server).add("key", key)
                .add("kind", event.kind().wire());
        if (event.subject() != null) {
            b.add(event.kind().subjectMember(), event.subject());
        }
        return b.build().toString();
    }

    /**
     * The envelope in {@code text}.
     *
     * @throws IllegalArgumentException when it is not an envelope of this version (too large, not JSON, a member
     *                                  missing or of the wrong type, an unknown kind)
     */
    public static Envelope decode(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("not an envelope: " + (text == null ? "null" : text.length() + " chars"));
        }
        JsonObject o;
        try (var reader = Json2.PROVIDER.createReader(new StringReader(text))) {
            JsonValue v = reader.readValue();
            if (!(v instanceof JsonObject obj)) {
                throw new IllegalArgumentException("not an envelope: not a JSON object");
            }
            o = obj;
        } catch (JsonParsingException e) {
            throw new IllegalArgumentException("not an envelope: not JSON", e);
        } catch (JsonException e) {
            throw new IllegalArgumentException("not an envelope: unreadable", e);
        }
        if (!(o.get("v") instanceof jakarta.json.JsonNumber n) || !n.isIntegral() || n.longValue() != VERSION) {
            throw new IllegalArgumentException("not an envelope of version " + VERSION);
        }
        String node = text(o, "node");
        String server = text(o, "server");
        String key = text(o, "key");
        ClusterEvent.Kind kind = ClusterEvent.Kind.ofWire(text(o, "kind"));
        if (kind == null) {
            throw new IllegalArgumentException("unknown kind");
        }
        String member = kind.subjectMember();
        String subject = member == null ? null : Json2.stringOrNull(o, member);
        if (member != null && subject == null) {
            throw new IllegalArgumentException(kind.wire() + " without a " + member);
        }
        for (ClusterEvent.Kind other : ClusterEvent.Kind.values()) {
            String m = other.subjectMember();
            if (m != null && !m.equals(member) && o.containsKey(m)) {
                throw new IllegalArgumentException(kind.wire() + " with a " + m);
            }
        }
        if (subject != null && subject.isEmpty()) {
            throw new IllegalArgumentException("empty " + member);
        }
        return new Envelope(node, server, key, new ClusterEvent(kind, subject));
    }

    private static String text(JsonObject o, String member) {
        String s = Json2.stringOrNull(o, member);
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("no " + member);
        }
        return s;
    }
}
