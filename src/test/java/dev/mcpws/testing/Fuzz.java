package dev.mcpws.testing;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A small seeded generator of hostile input for the fuzz tests: every case is made from {@code new Random(seed + i)},
 * so a failure names the one number that reproduces it. Bounded in {@code mvn verify}: {@value #DEFAULT_TRIES} cases
 * per property; {@code -Dfuzz.tries=N -Dfuzz.seed=S} for a long run or to replay one case (README "Hardening").
 */
public final class Fuzz {

    public static final int DEFAULT_TRIES = 300;
    public static final long DEFAULT_SEED = 20_261_206L;

    /** One provider: {@code Json.*} scans for the provider on every call. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private static final List<String> NAMES = List.of("jsonrpc", "id", "method", "params", "result", "error", "_meta",
            "name", "arguments", "uri", "cursor", "progressToken", "requestId", "protocolVersion", "capabilities");

    private Fuzz() {
    }

    /** Runs {@code check} for every case (seeds {@code seed .. seed + tries - 1}); a failure names its seed. */
    public static void cases(Consumer<Random> check) {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int tries = Integer.getInteger("fuzz.tries", DEFAULT_TRIES);
        for (int i = 0; i < tries; i++) {
            long s = seed + i;
            try {
                check.accept(new Random(s));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("fuzz case failed; replay it with -Dfuzz.seed=" + s + " -Dfuzz.tries=1: " + e, e);
            }
        }
    }

    /** Any UTF-16 code units, lone surrogates and controls included. */
    public static String anyString(Random r, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(switch (r.nextInt(4)) {
                case 0 -> (char) r.nextInt(0x20);                 // controls
                case 1 -> (char) (0xD800 + r.nextInt(0x800));     // surrogates, paired or not
                case 2 -> (char) r.nextInt(0x10000);
                default -> (char) (0x20 + r.nextInt(0x5F));       // printable ASCII
            });
        }
        return b.toString();
    }

    /** Well-formed UTF-16 (any code point, surrogate pairs, no lone surrogates). */
    public static String validString(Random r, int maxCodePoints) {
        int n = r.nextInt(maxCodePoints + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp = switch (r.nextInt(3)) {
                case 0 -> 0x20 + r.nextInt(0x5F);
                case 1 -> r.nextInt(0xD800);
                default -> 0x10000 + r.nextInt(0x100000);
            };
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /** A member name: usually one JSON-RPC/MCP knows, sometimes anything. */
    public static String name(Random r) {
        return r.nextInt(4) == 0 ? validString(r, 8) : NAMES.get(r.nextInt(NAMES.size()));
    }

    /** A scalar: string (valid or not), integer, big or fractional number, boolean, null. */
    public static JsonValue scalar(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> JSON.createValue(anyString(r, 20));
            case 1 -> JSON.createValue(validString(r, 20));
            case 2 -> JSON.createValue(r.nextLong());
            case 3 -> JSON.createValue(r.nextInt(10) - 2);
            case 4 -> JSON.createValue(new java.math.BigDecimal(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20)));
            case 5 -> r.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 6 -> JsonValue.NULL;
            default -> JSON.createValue(List.of("2.0", "initialize", "tools/call", "", "echo").get(r.nextInt(5)));
        };
    }

    /** Any JSON value up to {@code depth} levels of containers. */
    public static JsonValue value(Random r, int depth) {
        int kind = depth == 0 ? 0 : r.nextInt(4);
        return switch (kind) {
            case 1 -> object(r, depth - 1);
            case 2 -> {
                JsonArrayBuilder a = JSON.createArrayBuilder();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(value(r, depth - 1));
                }
                yield a.build();
            }
            default -> scalar(r);
        };
    }

    /** An object of up to four members named by {@link #name}. */
    public static JsonObject object(Random r, int depth) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        for (int i = r.nextInt(5); i > 0; i--) {
            b.add(name(r), value(r, depth));
        }
        return b.build();
    }

    /** {@code text} with every code unit outside printable ASCII as a {@code \\uXXXX} escape (readable reports). */
    public static String escaped(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }
}
