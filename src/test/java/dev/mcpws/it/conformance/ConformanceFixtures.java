package dev.mcpws.it.conformance;

import dev.mcpws.api.CompletePrompt;
import dev.mcpws.api.Content;
import dev.mcpws.api.ElicitResult;
import dev.mcpws.api.Elicitation;
import dev.mcpws.api.McpLog;
import dev.mcpws.api.McpResource;
import dev.mcpws.api.Progress;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.PromptArg;
import dev.mcpws.api.PromptMessage;
import dev.mcpws.api.PromptResult;
import dev.mcpws.api.ResourceContents;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.api.Roots;
import dev.mcpws.api.Sampling;
import dev.mcpws.api.TaskControl;
import dev.mcpws.api.TaskSupport;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import dev.mcpws.api.ToolException;
import dev.mcpws.api.ToolManager;
import dev.mcpws.api.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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

    // ------------------------------------------------------------------ logging (legacy and 2026-07-28)

    @Tool(name = "test_tool_with_logging", description = "Sends three info log messages while it runs")
    public String withLogging(McpLog log) throws InterruptedException {
        return threeLogs(log);
    }

    /** 2026-07-28 diagnostic: logs, but a request without _meta logLevel must get no notifications/message. */
    @Tool(name = "test_logging_tool", description = "Sends three info log messages while it runs")
    public String loggingTool(McpLog log) throws InterruptedException {
        return threeLogs(log);
    }

    private static String threeLogs(McpLog log) throws InterruptedException {
        log.info("Tool execution started");
        Thread.sleep(50);
        log.info("Tool processing data");
        Thread.sleep(50);
        log.info("Tool execution completed");
        return "Tool with logging executed successfully";
    }

    // ------------------------------------------------------------------ input from the client (legacy: server requests)

    @Tool(name = "test_sampling", description = "Asks the client's LLM (sampling/createMessage)")
    public String sampling(@ToolArg(description = "The prompt to send to the LLM") String prompt, Sampling sampling) {
        return "LLM response: " + sampling.ask(prompt, 100).text();
    }

    @Tool(name = "test_elicitation", description = "Asks the user for a username and an email (elicitation/create)")
    public String elicitation(@ToolArg(description = "The message to show the user") String message,
                              Elicitation elicitation) {
        JsonObject schema = object(Json.createObjectBuilder()
                        .add("username", prop("string").add("description", "User's response"))
                        .add("email", prop("string").add("description", "User's email address")),
                "username", "email");
        ElicitResult r = elicitation.form(message, schema);
        return "User response: action=" + r.action() + ", content=" + r.content();
    }

    @Tool(name = "test_elicitation_sep1034_defaults", description = "Elicitation with a default for every primitive type")
    public String elicitationDefaults(Elicitation elicitation) {
        JsonObject schema = object(Json.createObjectBuilder()
                .add("name", prop("string").add("default", "John Doe"))
                .add("age", prop("integer").add("default", 30))
                .add("score", prop("number").add("default", 95.5))
                .add("status", prop("string").add("enum", strings("active", "inactive", "pending")).add("default", "active"))
                .add("verified", prop("boolean").add("default", true)));
        ElicitResult r = elicitation.form("Please review and update the form fields with defaults", schema);
        return "Elicitation completed: action=" + r.action() + ", content=" + r.content();
    }

    @Tool(name = "test_elicitation_sep1330_enums", description = "Elicitation with the five enum schema variants")
    public String elicitationEnums(Elicitation elicitation) {
        JsonObject schema = object(Json.createObjectBuilder()
                .add("untitledSingle", prop("string").add("enum", strings("option1", "option2", "option3")))
                .add("titledSingle", prop("string").add("oneOf", titled("const", "value1", "First Option",
                        "value2", "Second Option", "value3", "Third Option")))
                .add("legacyEnum", prop("string").add("enum", strings("opt1", "opt2", "opt3"))
                        .add("enumNames", strings("Option One", "Option Two", "Option Three")))
                .add("untitledMulti", prop("array").add("items",
                        prop("string").add("enum", strings("option1", "option2", "option3"))))
                .add("titledMulti", prop("array").add("items", Json.createObjectBuilder().add("anyOf",
                        titled("const", "value1", "First Choice", "value2", "Second Choice", "value3", "Third Choice")))));
        ElicitResult r = elicitation.form("Please select options from the enum fields", schema);
        return "Elicitation completed: action=" + r.action() + ", content=" + r.content();
    }

    // ------------------------------------------------------------------ input from the client (2026-07-28: MRTR)

    /** Round 1 asks for a name under the key the suite answers with, "user_name". */
    @Tool(name = "test_input_required_result_elicitation", description = "Asks for the user's name (input_required)")
    public String mrtrElicitation(Elicitation elicitation) {
        ElicitResult r = elicitation.form("user_name", "What is your name?", nameSchema("name"));
        return "Hello, " + r.string("name") + "!";
    }

    @Tool(name = "test_input_required_result_sampling", description = "Asks the client's LLM a question (input_required)")
    public String mrtrSampling(Sampling sampling) {
        return "The LLM said: " + sampling.ask("What is the capital of France?", 100).text();
    }

    @Tool(name = "test_input_required_result_list_roots", description = "Asks for the client's roots (input_required)")
    public String mrtrRoots(Roots roots) {
        return "Client roots: " + roots.list().stream().map(Roots.Root::uri).collect(Collectors.joining(", "));
    }

    @Tool(name = "test_input_required_result_request_state", description = "Asks for a confirmation; the retry needs the requestState")
    public String mrtrRequestState(Elicitation elicitation) {
        ElicitResult r = elicitation.form("Please confirm", object(Json.createObjectBuilder().add("ok", prop("boolean")), "ok"));
        // the engine verified the echoed requestState before running this again: a bad one never gets here
        return "state-ok: action=" + r.action() + ", content=" + r.content();
    }

    /** Asks elicitation, sampling and roots in ONE input_required round. */
    @Tool(name = "test_input_required_result_multiple_inputs", description = "Asks for a name, a greeting and the roots")
    public String mrtrMultiple(Elicitation elicitation, Sampling sampling, Roots roots) {
        var name = elicitation.formLater("user_name", "What is your name?", nameSchema("name"));
        var greeting = sampling.askLater("greeting", "Generate a greeting", 50);
        var list = roots.listLater("client_roots");
        return greeting.get().text() + " " + name.get().string("name") + " (" + list.get().size() + " roots)";
    }

    @Tool(name = "test_input_required_result_multi_round", description = "Asks two questions, one per round")
    public String mrtrMultiRound(Elicitation elicitation) {
        ElicitResult name = elicitation.form("Step 1: What is your name?", nameSchema("name"));
        ElicitResult color = elicitation.form("Step 2: What is your favorite color?", nameSchema("color"));
        return name.string("name") + " likes " + color.string("color");
    }

    @Tool(name = "test_input_required_result_tampered_state", description = "Asks for a confirmation (signed requestState)")
    public String mrtrTampered(Elicitation elicitation) {
        ElicitResult r = elicitation.form("Please confirm", object(Json.createObjectBuilder().add("ok", prop("boolean")), "ok"));
        return "Confirmed: " + r.action();
    }

    /** Asks only for what the request's clientCapabilities declare. */
    @Tool(name = "test_input_required_result_capabilities", description = "Asks only through declared client capabilities")
    public String mrtrCapabilities(Elicitation elicitation, Sampling sampling) {
        StringBuilder out = new StringBuilder("Asked:");
        if (elicitation.isSupported()) {
            out.append(" elicitation=").append(elicitation.form("What is your name?", nameSchema("name")).action());
        }
        if (sampling.isSupported()) {
            out.append(" sampling=").append(sampling.ask("Say hello", 20).text());
        }
        return out.toString();
    }

    /** 2026-07-28 diagnostic: needs sampling without checking it was declared, so an undeclared one is -32021. */
    @Tool(name = "test_missing_capability", description = "Needs the sampling client capability")
    public String missingCapability(Sampling sampling) {
        return "Sampled: " + sampling.ask("Say hello", 20).text();
    }

    /** 2026-07-28 diagnostic: the response stream carries the input_required result, never an elicitation/create request. */
    @Tool(name = "test_streaming_elicitation", description = "Asks for the user's name while streaming")
    public String streamingElicitation(Elicitation elicitation) {
        return "Hello, " + elicitation.form("What is your name?", nameSchema("name")).string("name") + "!";
    }

    // ------------------------------------------------------------------ tasks (io.modelcontextprotocol/tasks, SEP-2663)
    // greet (sync only) is the example tool of the production WAR

    /** Sleeps {@code seconds}; a tasks/cancel interrupts it (the task is cancelled at once). */
    @Tool(name = "slow_compute", description = "Sleeps for the given seconds, then answers", taskSupport = TaskSupport.OPTIONAL)
    public String slowCompute(@ToolArg(required = false) Integer seconds, @ToolArg(required = false) String label)
            throws InterruptedException {
        Thread.sleep(1000L * Math.max(0, seconds == null ? 0 : Math.min(seconds, 600)));
        return "computed " + (label == null ? "" : label) + " after " + seconds + " s";
    }

    @Tool(name = "failing_job", description = "Fails with a tool error after about a second", taskSupport = TaskSupport.REQUIRED)
    public String failingJob() throws InterruptedException {
        Thread.sleep(1000);
        throw new ToolException("The job failed");
    }

    @Tool(name = "protocol_error_job", description = "Fails with a protocol error (-32603)", taskSupport = TaskSupport.OPTIONAL)
    public String protocolErrorJob() {
        throw new IllegalStateException("conformance fixture: a protocol-level failure");
    }

    /** Asks one confirmation while it runs as a task (input_required, then tasks/update). */
    @Tool(name = "confirm_delete", description = "Asks for a confirmation, then deletes", taskSupport = TaskSupport.OPTIONAL)
    public String confirmDelete(@ToolArg(required = false) String filename, Elicitation elicitation) {
        ElicitResult r = elicitation.form("confirm", "Delete " + filename + "?",
                object(Json.createObjectBuilder().add("confirm", prop("boolean")), "confirm"));
        return r.accepted() ? "Deleted " + filename : "Kept " + filename + " (" + r.action() + ")";
    }

    /** Asks two questions at once while it runs as a task. */
    @Tool(name = "multi_input", description = "Asks two questions at once", taskSupport = TaskSupport.OPTIONAL)
    public String multiInput(Elicitation elicitation) {
        var first = elicitation.formLater("first", "First name?", nameSchema("name"));
        var second = elicitation.formLater("second", "Second name?", nameSchema("name"));
        return first.get().action() + " and " + second.get().action();
    }

    /** MRTR first (the name), then the task: the task's result carries the name. */
    @Tool(name = "test_tool_with_task", description = "Asks for a name, then greets as a task", taskSupport = TaskSupport.REQUIRED)
    public String toolWithTask(Elicitation elicitation, TaskControl task) {
        ElicitResult r = elicitation.form("user_name", "What is your name?", nameSchema("name"));
        task.start();
        return "Hello, " + r.string("name") + "!";
    }

    // ------------------------------------------------------------------ list changes (subscriptions/listen)

    @Inject
    ToolManager toolManager;

    /** 2026-07-28 diagnostic: adds (or removes again) a tool, so open listens get notifications/tools/list_changed. */
    @Tool(name = "test_trigger_tool_change", description = "Changes the tool list")
    public String triggerToolChange() {
        String name = "test_dynamic_tool";
        if (toolManager.removeTool(name)) {
            return "Removed " + name;
        }
        toolManager.newTool(name).description("A tool added at runtime by test_trigger_tool_change")
                .handler(args -> "dynamic").register();
        return "Added " + name;
    }

    private static JsonObjectBuilder prop(String type) {
        return Json.createObjectBuilder().add("type", type);
    }

    private static JsonObject object(JsonObjectBuilder properties, String... required) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", "object").add("properties", properties);
        if (required.length > 0) {
            b.add("required", strings(required));
        }
        return b.build();
    }

    private static JsonObject nameSchema(String property) {
        return object(Json.createObjectBuilder().add(property, prop("string")), property);
    }

    private static JsonArrayBuilder strings(String... values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    /** [{key: v1, title: t1}, …] from alternating values and titles. */
    private static JsonArrayBuilder titled(String key, String... valueTitle) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (int i = 0; i < valueTitle.length; i += 2) {
            a.add(Json.createObjectBuilder().add(key, valueTitle[i]).add("title", valueTitle[i + 1]));
        }
        return a;
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

    /** 2026-07-28: input_required on prompts/get. */
    @Prompt(name = "test_input_required_result_prompt", description = "A prompt that asks the user for context first")
    public String mrtrPrompt(Elicitation elicitation) {
        ElicitResult r = elicitation.form("What context should the prompt use?", nameSchema("context"));
        return "Use this context: " + r.string("context");
    }

    @CompletePrompt(value = "test_prompt_with_arguments", argument = "arg1")
    public List<String> completeArg1(String arg1) {
        return List.of("paris", "park", "party", "test").stream().filter(v -> v.startsWith(Optional.ofNullable(arg1).orElse(""))).toList();
    }
}
