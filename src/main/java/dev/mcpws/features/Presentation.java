package dev.mcpws.features;

import dev.mcpws.api.Icon;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The display metadata a definition may carry besides its own fields: {@code icons} (2025-11-25 and later) and, for
 * resources and templates, {@code annotations} ({@code audience}, {@code priority}; {@code lastModified} from
 * 2025-06-18). Validated once, at deploy time; {@link #decorate} adds what a protocol version knows.
 */
public record Presentation(JsonArray icons, JsonObject annotations) {

    public static final Presentation NONE = new Presentation(null, null);

    private static final Set<String> AUDIENCES = Set.of("user", "assistant");

    /**
     * @param audience     {@code user} and/or {@code assistant}; empty for none
     * @param priority     0..1, or negative for none
     * @param lastModified an ISO 8601 date-time with offset; empty for none
     * @throws IllegalArgumentException naming what is wrong (callers add which definition)
     */
    public static Presentation of(Icon[] icons, String[] audience, double priority, String lastModified) {
        JsonArray iconsJson = null;
        if (icons.length > 0) {
            JsonArrayBuilder a = Json2.array();
            for (Icon icon : icons) {
                a.add(icon(icon));
            }
            iconsJson = a.build();
        }
        JsonObject annotations = null;
        if (audience.length > 0 || priority >= 0 || !lastModified.isBlank()) {
            JsonObjectBuilder b = Json2.object();
            if (audience.length > 0) {
                JsonArrayBuilder roles = Json2.array();
                for (String role : audience) {
                    if (!AUDIENCES.contains(role)) {
                        throw new IllegalArgumentException("audience must be user or assistant, was " + role);
                    }
                    roles.add(role);
                }
                b.add("audience", roles);
            }
            if (priority >= 0) {
                if (priority > 1) {
                    throw new IllegalArgumentException("priority must be between 0 and 1, was " + priority);
                }
                b.add("priority", priority);
            }
            if (!lastModified.isBlank()) {
                try {
                    OffsetDateTime.parse(lastModified);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("lastModified must be an ISO 8601 date-time with offset, was "
                            + lastModified, e);
                }
                b.add("lastModified", lastModified);
            }
            annotations = b.build();
        }
        return iconsJson == null && annotations == null ? NONE : new Presentation(iconsJson, annotations);
    }

    /** Icons only (tools, prompts). */
    public static Presentation of(Icon[] icons) {
        return of(icons, new String[0], -1, "");
    }

    private static JsonObject icon(Icon icon) {
        String scheme;
        try {
            scheme = URI.create(icon.src()).getScheme();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("icon src is not a URI: " + icon.src(), e);
        }
        if (!"https".equals(scheme) && !"data".equals(scheme)) {
            throw new IllegalArgumentException("icon src must be an https: or data: URI, was " + icon.src());
        }
        JsonObjectBuilder b = Json2.object().add("src", icon.src());
        if (!icon.mimeType().isBlank()) {
            b.add("mimeType", icon.mimeType());
        }
        if (icon.sizes().length > 0) {
            JsonArrayBuilder sizes = Json2.array();
            for (String s : icon.sizes()) {
                sizes.add(s);
            }
            b.add("sizes", sizes);
        }
        if (!icon.theme().isBlank()) {
            if (!"light".equals(icon.theme()) && !"dark".equals(icon.theme())) {
                throw new IllegalArgumentException("icon theme must be light or dark, was " + icon.theme());
            }
            b.add("theme", icon.theme());
        }
        return b.build();
    }

    /** {@code base} plus the icons and annotations {@code protocolVersion} knows. */
    public JsonObject decorate(JsonObject base, String protocolVersion) {
        if (this == NONE) {
            return base;
        }
        boolean withIcons = icons != null && protocolVersion.compareTo(ProtocolVersion.V2025_11_25) >= 0;
        if (!withIcons && annotations == null) {
            return base;
        }
        JsonObjectBuilder b = Json2.object(base);
        if (withIcons) {
            b.add("icons", icons);
        }
        if (annotations != null) {
            JsonObject a = annotations;
            if (a.containsKey("lastModified") && protocolVersion.compareTo(ProtocolVersion.V2025_06_18) < 0) {
                a = Json2.object(a).remove("lastModified").build();
            }
            if (!a.isEmpty()) {
                b.add("annotations", a);
            }
        }
        return b.build();
    }
}
