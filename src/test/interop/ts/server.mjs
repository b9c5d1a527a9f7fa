// A foreign MCP server for our client's interop tests: the official TypeScript SDK's McpServer (1.x), served over
// WebSocket by a `ws` WebSocketServer. The SDK 1.x has no server-side WebSocket transport, so WebSocketServerTransport
// below adapts one accepted socket to the SDK's Transport interface (one JSON-RPC message per text frame).
//
// Usage: node server.mjs            (listens on 127.0.0.1, a free port)
// Prints "LISTENING <port>" on stdout once ready; logs go to stderr. Endpoint: ws://127.0.0.1:<port>/ (any path).
// Every connection gets its own McpServer instance (legacy handshake, e.g. protocolVersion 2025-11-25).
// Exits when stdin closes (the Java test that launched it went away) or on SIGTERM/SIGINT.
//
// Capabilities: tools `add` {a, b: number} -> text "<sum>" (annotations.readOnlyHint = true) and
// `echo` {message: string} -> text message; resource `memo://greeting` -> text "hello from ts";
// prompt `greet` {name} -> one user message "Hello, <name>!".
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { WebSocketServer } from "ws";
import { z } from "zod"; // a required peer dependency of the SDK (installed with it by npm ci)

class WebSocketServerTransport {
  constructor(socket) {
    this._socket = socket;
    this._closed = false;
  }

  async start() {
    this._socket.on("message", (data, isBinary) => {
      let message;
      try {
        message = JSONRPCMessageSchema.parse(JSON.parse(isBinary ? Buffer.from(data).toString("utf8") : data.toString()));
      } catch (error) {
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.onmessage?.(message);
    });
    this._socket.on("error", (error) => this.onerror?.(error));
    this._socket.on("close", () => {
      if (!this._closed) {
        this._closed = true;
        this.onclose?.();
      }
    });
  }

  send(message) {
    return new Promise((resolve, reject) => {
      if (this._socket.readyState !== this._socket.OPEN) {
        reject(new Error("Not connected"));
        return;
      }
      this._socket.send(JSON.stringify(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  async close() {
    this._socket.close(1000);
  }
}

function newServer() {
  const server = new McpServer({ name: "ts-foreign-server", version: "1.0.0" });
  server.registerTool(
    "add",
    {
      description: "Adds two numbers",
      inputSchema: { a: z.number(), b: z.number() },
      annotations: { readOnlyHint: true },
    },
    async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
  );
  server.registerTool(
    "echo",
    { description: "Echoes the message", inputSchema: { message: z.string() } },
    async ({ message }) => ({ content: [{ type: "text", text: message }] }),
  );
  server.registerResource(
    "greeting",
    "memo://greeting",
    { description: "A greeting", mimeType: "text/plain" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/plain", text: "hello from ts" }] }),
  );
  server.registerPrompt(
    "greet",
    { description: "Greets someone", argsSchema: { name: z.string() } },
    ({ name }) => ({ messages: [{ role: "user", content: { type: "text", text: `Hello, ${name}!` } }] }),
  );
  return server;
}

const wss = new WebSocketServer({
  host: "127.0.0.1",
  port: 0,
  handleProtocols: (protocols) => (protocols.has("mcp") ? "mcp" : false),
});

wss.on("connection", (socket) => {
  const server = newServer();
  server.connect(new WebSocketServerTransport(socket)).catch((error) => {
    console.error("connect failed:", error);
    socket.terminate();
  });
});

wss.on("listening", () => {
  process.stdout.write(`LISTENING ${wss.address().port}\n`);
});

wss.on("error", (error) => {
  console.error("server error:", error);
  process.exit(1);
});

function shutdown() {
  for (const client of wss.clients) {
    client.terminate();
  }
  wss.close();
  process.exit(0);
}

process.stdin.on("end", shutdown);
process.stdin.on("close", shutdown);
process.stdin.resume();
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
