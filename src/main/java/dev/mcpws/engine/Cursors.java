package dev.mcpws.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination cursors. A cursor names the last item of the previous page, so pages stay correct while items
 * are added or removed. Anything that is not a cursor this server made is rejected with -32602.
 */
public final class Cursors {

    private static final String PREFIX = "mcpws1:";

    private Cursors() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The last key of the previous page; null for a null cursor (the first page). */
    public static String decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return text.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // fall through
        }
        throw McpException.invalidParams("Invalid cursor");
    }
}
