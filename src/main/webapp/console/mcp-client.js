// An MCP client over a browser WebSocket, in either protocol era, chosen as the Java client
// (dev.mcpws.client.EraProbe) does: `server/discover` with the 2026-07-28 `_meta`; a result means 2026-07-28 (every
// request then carries the `_meta` keys and `input_required` results are answered and retried), a modern error
// (-32021, or -32022 naming no legacy version) means a modern server this client cannot use, anything else (-32601, no
// answer within 10 s) means legacy: `initialize` with 2025-11-25, and the server's own requests are answered.

export const MODERN = "2026-07-28";
export const LEGACY = "2025-11-25";
const META = "io.modelcontextprotocol/";
const LEGACY_VERSIONS = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];
const PROBE_MS = 10_000;
const REQUEST_MS = 60_000;
const MAX_INPUT_ROUNDS = 16;
const MAX_PAGES = 100;
const CLIENT_INFO = { name: "mcp-console", version: "1.0.0" };
// what this client can answer: form elicitation (a dialog); no sampling, no roots
const CAPABILITIES = { elicitation: { form: {} } };

/** An MCP JSON-RPC error of the server (code, message, data). */
export class McpError extends Error {
  constructor(error) {
    super(error.message ?? "error");
    this.code = error.code;
    this.data = error.data;
  }
}

/** A request the user cancelled: the server was told with notifications/cancelled and sends no answer. */
export class Cancelled extends Error {}

/** `mcp.auth.<base64url(token)>`, the subprotocol a browser offers next to `mcp` to send its bearer token. */
export function authSubprotocol(token) {
  const bytes = new TextEncoder().encode(token);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return "mcp.auth." + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** ws(s)://<this host>/<context root>/mcp for a page served at <context root>/console/. */
export function defaultUrl(location) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const root = location.pathname.replace(/\/console(\/.*)?$/, "");
  return `${scheme}//${location.host}${root}/mcp`;
}

function mayBeLegacy(error) {
  if (!(error instanceof McpError)) return true; // no answer, or not JSON-RPC: a server without server/discover
  if (error.code === -32021) return false;
  if (error.code === -32022) {
    const supported = error.data?.supported;
    return !Array.isArray(supported) || supported.some(v => LEGACY_VERSIONS.includes(v));
  }
  return true;
}

export class McpSession {
  /**
   * @param url       the MCP WebSocket URL
   * @param token     a bearer token or "" (sent as the mcp.auth.* subprotocol)
   * @param era       "auto" | "modern" | "legacy"
   * @param handlers  onFrame(direction, message, info), onElicit(params, signal) -> Promise<result>,
   *                  onNotification(message) for the other notifications of the server, onClose(event)
   */
  constructor({ url, token = "", era = "auto", onFrame = () => {}, onElicit, onNotification = () => {}, onClose = () => {} }) {
    this.url = url;
    this.token = token;
    this.pinned = era;
    this.onFrame = onFrame;
    this.onElicit = onElicit;
    this.onClose = onClose;
    this.onNotification = onNotification;
    this.nextId = 1;
    this.pending = new Map();   // id -> {resolve, reject, method, sentAt, timer}
    this.progress = new Map();  // progressToken -> callback
    this.serverRequests = new Map(); // legacy: id of a server request -> AbortController
    this.modern = false;
    this.server = null;
    this.ws = null;
  }

  /** Opens the socket and makes a session; resolves with {era, protocolVersion, serverInfo, capabilities, instructions}. */
  async connect() {
    const protocols = ["mcp"];
    if (this.token) protocols.push(authSubprotocol(this.token));
    const ws = new WebSocket(this.url, protocols);
    this.ws = ws;
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = () => reject(new Error("The WebSocket could not be opened (refused, 401 or 403: see the server log)"));
      ws.onclose = e => reject(new Error(`The WebSocket closed during the handshake (${e.code}${e.reason ? " " + e.reason : ""})`));
    });
    ws.onerror = () => {};
    ws.onclose = e => this.closed(e);
    ws.onmessage = e => this.received(e.data);
    this.onFrame("info", null, { text: `open (subprotocol ${ws.protocol || "none"})` });
    this.server = await this.handshake();
    return this.server;
  }

  close() {
    this.ws?.close(1000, "closed by the console");
  }

  async handshake() {
    if (this.pinned === "legacy") return this.initialize();
    try {
      return await this.discover();
    } catch (e) {
      if (this.pinned === "modern" || !mayBeLegacy(e) || this.ws.readyState !== WebSocket.OPEN) throw e;
      this.onFrame("info", null, { text: `server/discover failed (${e.message}): legacy initialize` });
      return this.initialize();
    }
  }

  async discover() {
    const r = await this.send("server/discover", {}, { timeoutMs: this.pinned === "auto" ? PROBE_MS : REQUEST_MS, meta: true });
    if (Array.isArray(r.supportedVersions) && !r.supportedVersions.includes(MODERN)) {
      throw new McpError({ code: -32022, message: `The server does not support ${MODERN}`, data: { supported: r.supportedVersions } });
    }
    this.modern = true;
    return {
      era: "modern", protocolVersion: MODERN,
      serverInfo: r.serverInfo ?? r._meta?.[META + "serverInfo"] ?? {},
      capabilities: r.capabilities ?? {}, instructions: r.instructions,
      supportedVersions: r.supportedVersions,
    };
  }

  async initialize() {
    const r = await this.send("initialize", { protocolVersion: LEGACY, capabilities: CAPABILITIES, clientInfo: CLIENT_INFO });
    if (!LEGACY_VERSIONS.includes(r.protocolVersion)) {
      throw new Error(`The server answered initialize with protocol version ${r.protocolVersion}, which this console does not speak`);
    }
    this.notify("notifications/initialized", {});
    return {
      era: "legacy", protocolVersion: r.protocolVersion, serverInfo: r.serverInfo ?? {},
      capabilities: r.capabilities ?? {}, instructions: r.instructions,
    };
  }

  /**
   * A request of the session's era: in 2026-07-28 with its `_meta` and the `input_required` rounds. With `onProgress`
   * a progressToken is sent. Returns {promise, cancel()}.
   */
  request(method, params = {}, { onProgress } = {}) {
    const call = { cancelled: false, id: null, rounds: 0, abort: new AbortController() };
    const token = onProgress ? `progress-${this.nextId}` : null;
    if (token) this.progress.set(token, onProgress);
    const run = async () => {
      let extra = {};
      try {
        for (;;) {
          const r = await this.send(method, { ...params, ...extra }, { progressToken: token, meta: this.modern, call });
          if (r.resultType !== "input_required") return r;
          if (++call.rounds > MAX_INPUT_ROUNDS) throw new Error(`${method} asked for input more than ${MAX_INPUT_ROUNDS} times`);
          const responses = {};
          for (const [key, q] of Object.entries(r.inputRequests ?? {})) {
            responses[key] = await this.answer(q.method, q.params ?? {}, call.abort.signal);
            if (call.cancelled) throw new Cancelled("cancelled");
          }
          extra = { inputResponses: responses };
          if (r.requestState !== undefined) extra.requestState = r.requestState;
        }
      } finally {
        if (token) this.progress.delete(token);
      }
    };
    return {
      promise: run(),
      cancel: () => {
        if (call.cancelled) return;
        call.cancelled = true;
        call.abort.abort(); // withdraws a question of an input round
        const p = this.pending.get(call.id);
        if (p) {
          this.forget(call.id);
          this.notify("notifications/cancelled", { requestId: call.id, reason: "cancelled by the user" });
          p.reject(new Cancelled("cancelled"));
        }
      },
    };
  }

  /** Every page of a list method (cursors followed, at most 100 pages); returns the items under `key`. */
  async list(method, key) {
    const items = [];
    let cursor;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await this.request(method, cursor ? { cursor } : {}).promise;
      items.push(...(r[key] ?? []));
      cursor = r.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  /** One JSON-RPC request on the wire; resolves with its result, rejects with an McpError. */
  send(method, params, { progressToken = null, meta = false, timeoutMs = REQUEST_MS, call = null } = {}) {
    const id = this.nextId++;
    if (call) call.id = id;
    const m = { ...(params._meta ?? {}) };
    if (progressToken) m.progressToken = progressToken;
    if (meta || method === "server/discover") {
      m[META + "protocolVersion"] = MODERN;
      m[META + "clientCapabilities"] = CAPABILITIES;
      m[META + "clientInfo"] = CLIENT_INFO;
    }
    const wire = { ...params };
    delete wire._meta;
    if (Object.keys(m).length) wire._meta = m;
    return new Promise((resolve, reject) => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        reject(new Error("not connected"));
        return;
      }
      const timer = setTimeout(() => {
        if (!this.pending.has(id)) return;
        this.forget(id);
        this.notify("notifications/cancelled", { requestId: id, reason: "timeout" });
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, method, sentAt: performance.now(), timer });
      this.write({ jsonrpc: "2.0", id, method, params: wire });
    });
  }

  notify(method, params) {
    if (this.ws?.readyState === WebSocket.OPEN) this.write({ jsonrpc: "2.0", method, params });
  }

  write(message) {
    this.onFrame("out", message, {});
    this.ws.send(JSON.stringify(message));
  }

  forget(id) {
    const p = this.pending.get(id);
    if (p) clearTimeout(p.timer);
    this.pending.delete(id);
  }

  received(text) {
    let m;
    try {
      m = JSON.parse(text);
    } catch {
      this.onFrame("in", null, { text: "unreadable: " + String(text).slice(0, 200) });
      return;
    }
    const p = m.id !== undefined && m.method === undefined ? this.pending.get(m.id) : null;
    this.onFrame("in", m, p ? { method: p.method, elapsedMs: performance.now() - p.sentAt } : {});
    if (m.method !== undefined && m.id !== undefined) {
      this.serverRequest(m);
    } else if (m.method === "notifications/cancelled") {
      this.serverRequests.get(m.params?.requestId)?.abort();
    } else if (m.method === "notifications/progress") {
      this.progress.get(m.params?.progressToken)?.(m.params);
    } else if (p) {
      this.forget(m.id);
      if (m.error) p.reject(new McpError(m.error));
      else p.resolve(m.result ?? {});
    } else if (m.method !== undefined) {
      this.onNotification(m);
    }
  }

  /**
   * Legacy: a request of the server (elicitation/create, ping), answered with a result or an error; when the server
   * cancels it (notifications/cancelled, e.g. its tool call was cancelled), the question is withdrawn unanswered.
   */
  async serverRequest(m) {
    const abort = new AbortController();
    this.serverRequests.set(m.id, abort);
    try {
      const result = await this.answer(m.method, m.params ?? {}, abort.signal);
      if (!abort.signal.aborted) this.write({ jsonrpc: "2.0", id: m.id, result });
    } catch (e) {
      if (!abort.signal.aborted) this.write({ jsonrpc: "2.0", id: m.id, error: { code: e.code ?? -32603, message: e.message } });
    } finally {
      this.serverRequests.delete(m.id);
    }
  }

  /** Answers one question of the server (both eras). */
  async answer(method, params, signal = new AbortController().signal) {
    if (method === "ping") return {};
    if (method === "elicitation/create" && this.onElicit && (params.mode ?? "form") === "form") {
      return this.onElicit(params, signal);
    }
    throw new McpError({ code: -32601, message: `This client does not handle ${method}` });
  }

  closed(e) {
    for (const abort of this.serverRequests.values()) abort.abort();
    for (const [id, p] of this.pending) {
      this.forget(id);
      p.reject(new Error(`connection closed (${e.code})`));
    }
    this.onFrame("info", null, { text: `closed ${e.code}${e.reason ? " " + e.reason : ""}` });
    this.onClose(e);
  }
}
