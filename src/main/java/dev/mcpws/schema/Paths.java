package dev.mcpws.schema;

/** Builds the paths used in {@link InvalidValueException}: {@code a.b}, {@code a.tags[2]}, {@code a["odd key"]}. */
final class Paths {

    private Paths() {
    }

    static String property(String path, String name) {
        boolean plain = isPlain(name);
        if (path == null || path.isEmpty()) {
            return plain ? name : "[" + Json.string(name) + "]";
        }
        return plain ? path + "." + name : path + "[" + Json.string(name) + "]";
    }

    static String index(String path, int index) {
        return (path == null ? "" : path) + "[" + index + "]";
    }

    private static boolean isPlain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char first = name.charAt(0);
        if (!(Character.isLetter(first) || first == '_' || first == '$')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
