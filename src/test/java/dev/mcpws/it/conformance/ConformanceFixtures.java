package dev.mcpws.it.conformance;

import dev.mcpws.api.CompletePrompt;
import dev.mcpws.api.Content;
import dev.mcpws.api.McpResource;
import dev.mcpws.api.Progress;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.PromptArg;
import dev.mcpws.api.PromptMessage;
import dev.mcpws.api.PromptResult;
import dev.mcpws.api.ResourceContents;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import dev.mcpws.api.ToolException;
import dev.mcpws.api.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The tools, resources and prompts the official conformance suite ({@code @modelcontextprotocol/conformance}) calls by
 * name, as its scenario descriptions specify them. Deployed only in the conformance test WAR.
 */
@ApplicationScoped
public class ConformanceFixtures {

    /** A 1x1 red PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    /** A tiny WAV file (44-byte header, two silent samples). */
    static final byte[] WAV = Base64.getDecoder().decode(
            "UklGRigAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQQAAAAAAAAA");

    public record Address(String street, String city) {
    }

    // ------------------------------------------------------------------ tools

    @Tool(name = "test_simple_text", description = "Returns simple text content")
    public String simpleText() {
        return "This is a simple text response for testing.";
    }

    @Tool(name = "test_image_content", description = "Returns image content")
    public Content image() {
        return Content.image(PNG, "image/png");
    }

    @Tool(name = "test_audio_content", description = "Returns audio content")
    public Content audio() {
        return Content.audio(WAV, "audio/wav");
    }

    @Tool(name = "test_embedded_resource", description = "Returns an embedded resource")
    public Content embedded() {
        return Content.embeddedText("test://embedded-resource", "text/plain", "This is an embedded resource content.");
    }

    @Tool(name = "test_multiple_content_types", description = "Returns text, image and resource content")
    public ToolResult multiple() {
        return ToolResult.of(Content.text("Multiple content types test:"), Content.image(PNG, "image/png"),
                Content.embeddedText("test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}"));
    }

    @Tool(name = "test_error_handling", description = "Always fails")
    public String error() {
        throw new ToolException("This tool intentionally returns an error for testing");
    }

    @Tool(name = "test_tool_with_progress", description = "Reports progress 0, 50 and 100 of 100")
    public String progress(Progress progress) throws InterruptedException {
        progress.report(0, 100.0, null);
        Thread.sleep(50);
        progress.report(50, 100.0, null);
        Thread.sleep(50);
        progress.report(100, 100.0, null);
        return "Progress test completed";
    }

    @Tool(name = "json_schema_2020_12_tool", description = "Tool with JSON Schema 2020-12 features")
    public String jsonSchema(@ToolArg(required = false) String name, @ToolArg(required = false) Address address) {
        return "name=" + name + ", address=" + address;
    }

    // ------------------------------------------------------------------ resources

    @McpResource(uri = "test://static-text", name = "static_text", description = "A static text resource", mimeType = "text/plain")
    public String staticText() {
        return "This is the content of the static text resource.";
    }

    @McpResource(uri = "test://static-binary", name = "static_binary", description = "A static binary resource", mimeType = "image/png")
    public byte[] staticBinary() {
        return PNG;
    }

    @McpResource(uri = "test://watched-resource", name = "watched_resource", description = "A resource to subscribe to",
            mimeType = "text/plain")
    public String watched() {
        return "Watched resource content";
    }

    @ResourceTemplate(uriTemplate = "test://template/{id}/data", name = "template_data", description = "Data by id",
            mimeType = "application/json")
    public ResourceContents template(String id) {
        return ResourceContents.text(null, "application/json",
                "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}");
    }

    // ------------------------------------------------------------------ prompts

    @Prompt(name = "test_simple_prompt", description = "A simple prompt without arguments")
    public String simplePrompt() {
        return "This is a simple prompt for testing.";
    }

    @Prompt(name = "test_prompt_with_arguments", description = "A prompt with two arguments")
    public String withArguments(@PromptArg(description = "First test argument") String arg1,
                                @PromptArg(description = "Second test argument") String arg2) {
        return "Prompt with arguments: arg1='" + arg1 + "', arg2='" + arg2 + "'";
    }

    @Prompt(name = "test_prompt_with_embedded_resource", description = "A prompt embedding a resource")
    public List<PromptMessage> withResource(@PromptArg(description = "URI of the resource to embed") String resourceUri) {
        return List.of(PromptMessage.user(Content.embeddedText(resourceUri, "text/plain", "Embedded resource content for testing.")),
                PromptMessage.user("Please process the embedded resource above."));
    }

    @Prompt(name = "test_prompt_with_image", description = "A prompt with an image")
    public PromptResult withImage() {
        return PromptResult.of(PromptMessage.user(Content.image(PNG, "image/png")),
                PromptMessage.user("Please analyze the image above."));
    }

    @CompletePrompt(value = "test_prompt_with_arguments", argument = "arg1")
    public List<String> completeArg1(String arg1) {
        return List.of("paris", "park", "party", "test").stream().filter(v -> v.startsWith(Optional.ofNullable(arg1).orElse(""))).toList();
    }
}
