package dev.mcpws.example;

import dev.mcpws.api.McpResource;
import dev.mcpws.api.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A plain resource with a fixed URI: a short guide to this example server, read from the WAR. */
@ApplicationScoped
public class Guide {

    @McpResource(uri = "docs://guide", name = "guide", title = "Guide to the example server",
            description = "What the example tools, resources and prompts show, and how to try each.",
            mimeType = "text/markdown")
    public String guide() {
        try (InputStream in = Guide.class.getResourceAsStream("guide.md")) {
            if (in == null) {
                throw new ResourceNotFoundException("docs://guide");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
