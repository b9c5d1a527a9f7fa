package dev.mcpws.api;

import java.util.Base64;
import java.util.Objects;

/**
 * A content block of a tool result or a prompt message. Build them with the static factories.
 * Blocks a client's protocol version does not know (audio before 2025-03-26, resource links before 2025-06-18)
 * are sent as a text block describing them.
 */
public sealed interface Content {

    static Text text(String text) {
        return new Text(text);
    }

    static Image image(byte[] data, String mimeType) {
        return new Image(Base64.getEncoder().encodeToString(data), mimeType);
    }

    static Audio audio(byte[] data, String mimeType) {
        return new Audio(Base64.getEncoder().encodeToString(data), mimeType);
    }

    static ResourceLink resourceLink(String uri, String name) {
        return new ResourceLink(uri, name, null, null, null, null);
    }

    static EmbeddedResource embeddedText(String uri, String mimeType, String text) {
        return new EmbeddedResource(uri, mimeType, text, null);
    }

    static EmbeddedResource embeddedBlob(String uri, String mimeType, byte[] data) {
        return new EmbeddedResource(uri, mimeType, null, Base64.getEncoder().encodeToString(data));
    }

    /** {@code {"type":"text","text":...}} */
    record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code {"type":"image","data":<base64>,"mimeType":...}} */
    record Image(String base64Data, String mimeType) implements Content {
        public Image {
            Objects.requireNonNull(base64Data, "data");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }

    /** {@code {"type":"audio","data":<base64>,"mimeType":...}} (2025-03-26 and later) */
    record Audio(String base64Data, String mimeType) implements Content {
        public Audio {
            Objects.requireNonNull(base64Data, "data");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }

    /** {@code {"type":"resource_link","uri":...,"name":...}} (2025-06-18 and later); optional fields may be null. */
    record ResourceLink(String uri, String name, String title, String description, String mimeType, Long size)
            implements Content {
        public ResourceLink {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code {"type":"resource","resource":{"uri":...,"mimeType":...,"text"|"blob":...}}}: exactly one of text, blob. */
    record EmbeddedResource(String uri, String mimeType, String text, String base64Blob) implements Content {
        public EmbeddedResource {
            Objects.requireNonNull(uri, "uri");
            if ((text == null) == (base64Blob == null)) {
                throw new IllegalArgumentException("An embedded resource has either text or a blob");
            }
        }
    }
}
