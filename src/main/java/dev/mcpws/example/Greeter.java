package dev.mcpws.example;

import dev.mcpws.api.ElicitResult;
import dev.mcpws.api.Elicitation;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import dev.mcpws.api.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * Elicitation: when the caller gives no name, the tool asks the user for one through the client (a server-to-client
 * request in the handshake era, an {@code input_required} round in 2026-07-28; the code is the same).
 */
@ApplicationScoped
public class Greeter {

    private static final JsonObject NAME_FORM = Json.createObjectBuilder().add("type", "object")
            .add("properties", Json.createObjectBuilder().add("name", Json.createObjectBuilder()
                    .add("type", "string").add("title", "Your name").add("minLength", 1).add("maxLength", 100)))
            .add("required", Json.createArrayBuilder().add("name")).build();

    @Tool(name = "greet", title = "Greeter",
            description = "Greets someone; asks the user for a name (elicitation) when none is given.",
            annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
                    openWorldHint = false))
    public String greet(@ToolArg(description = "Who to greet; omit it to be asked") Optional<String> name,
                        Elicitation elicitation) {
        if (name.isPresent() && !name.get().isBlank()) {
            return "Hello, " + name.get() + "!";
        }
        if (!elicitation.isSupported()) {
            throw new ToolException("Give a name: this client cannot be asked for one (no elicitation capability)");
        }
        ElicitResult answer = elicitation.form("Who should be greeted?", NAME_FORM);
        return answer.accepted() ? "Hello, " + answer.string("name") + "!" : "Nobody to greet (" + answer.action() + ")";
    }
}
