// Interop check with the official MCP TypeScript SDK 1.x and its WebSocketClientTransport.
// Usage: node interop.mjs ws://localhost:9080/mcp
// Prints one JSON line with what it observed; exits 1 with a reason when an expectation fails.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { WebSocketClientTransport } from "@modelcontextprotocol/sdk/client/websocket.js";
import WebSocket from "ws";

globalThis.WebSocket = WebSocket; // Node 20 has no global WebSocket

const url = process.argv[2];
if (!url) {
  console.error("usage: node interop.mjs <ws-url>");
  process.exit(2);
}

function check(condition, message) {
  if (!condition) {
    throw new Error("interop expectation failed: " + message);
  }
}

const timer = setTimeout(() => {
  console.error("interop timed out after 30 s");
  process.exit(1);
}, 30_000);

// WebSocketClientTransport has no setProtocolVersion (only the HTTP transports need it); Client.connect() calls it
// when present, so this subclass records the version the server negotiated in its initialize result.
class RecordingWebSocketClientTransport extends WebSocketClientTransport {
  setProtocolVersion(version) {
    this.protocolVersion = version;
  }
}

const client = new Client({ name: "ts-sdk-interop", version: "1.0.0" });
const transport = new RecordingWebSocketClientTransport(new URL(url));
try {
  await client.connect(transport);
  const server = client.getServerVersion();
  const capabilities = client.getServerCapabilities();
  check(capabilities?.tools, "server advertises tools");

  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  for (const expected of ["calculate", "echo", "slow_task"]) {
    check(names.includes(expected), `tools/list contains ${expected}: ${names}`);
  }

  const echo = await client.callTool({ name: "echo", arguments: { text: "hello from TS" } });
  check(echo.content?.[0]?.text === "hello from TS", "echo returns its text: " + JSON.stringify(echo));

  // the SDK validates structuredContent against the tool's outputSchema
  const calc = await client.callTool({ name: "calculate", arguments: { a: 6, operation: "multiply", b: 7 } });
  check(calc.structuredContent?.result === 42, "calculate 6*7 = 42: " + JSON.stringify(calc));

  const bad = await client.callTool({ name: "calculate", arguments: { a: "six", operation: "multiply", b: 7 } });
  check(bad.isError === true, "bad argument gives isError: " + JSON.stringify(bad));

  const progress = [];
  const slow = await client.callTool(
    { name: "slow_task", arguments: { steps: 3, stepMillis: 50 } },
    undefined,
    { onprogress: (p) => progress.push(p.progress) },
  );
  check(slow.content?.[0]?.text === "Completed 3 steps", "slow_task completes: " + JSON.stringify(slow));
  // The server sends progress 1, 2, 3 and then the response, in that order on the socket. SDK 1.x runs notification
  // handlers one microtask late but drops a call's progress handler as soon as its response is parsed, so a
  // progress notification that arrives in the same TCP read as the response is discarded on the client side.
  // Hence: the early ones must arrive, in order; the last one may be lost by the SDK.
  check(progress.length >= 2 && progress[0] === 1 && progress[1] === 2 && (progress.length === 2 || progress[2] === 3),
    "progress notifications 1, 2 (and 3): " + JSON.stringify(progress));

  // resources, prompts and completions: the SDK checks every result against its own schema
  check(capabilities?.resources && capabilities?.prompts && capabilities?.completions,
    "server advertises resources, prompts and completions: " + JSON.stringify(capabilities));
  const { resources } = await client.listResources();
  check(resources.some((r) => r.uri === "it://config"), "resources/list contains it://config: " + JSON.stringify(resources));
  const { resourceTemplates } = await client.listResourceTemplates();
  check(resourceTemplates.some((t) => t.uriTemplate === "it://orders/{id}"),
    "resources/templates/list contains it://orders/{id}: " + JSON.stringify(resourceTemplates));
  const order = await client.readResource({ uri: "it://orders/7" });
  const prompt = await client.getPrompt({ name: "it_hello", arguments: { who: "TS" } });
  const completion = await client.complete({
    ref: { type: "ref/prompt", name: "it_review" },
    argument: { name: "language", value: "ja" },
  });

  await client.ping();

  console.log(JSON.stringify({
    ok: true,
    protocolVersion: transport.protocolVersion ?? null,
    server,
    tools: names,
    echo: echo.content[0].text,
    calculate: calc.structuredContent,
    progress,
    resource: order.contents?.[0]?.text ?? null,
    prompt: prompt.messages?.[0]?.content?.text ?? null,
    completion: completion.completion?.values ?? null,
  }));
  await client.close();
  clearTimeout(timer);
  process.exit(0);
} catch (e) {
  console.error(String(e?.stack ?? e));
  clearTimeout(timer);
  process.exit(1);
}
