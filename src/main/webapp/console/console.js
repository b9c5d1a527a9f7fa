// The browser console: connects to an MCP WebSocket endpoint (mcp-client.js), lists what the server offers, calls
// tools with progress and cancellation, reads resources, gets prompts, answers elicitations, shows every frame.
import { Cancelled, McpError, McpSession, defaultUrl } from "./mcp-client.js";
import { el, renderForm } from "./schema-form.js";

const $ = id => document.getElementById(id);
const MAX_FRAMES = 500;

let session = null;
let started = 0;        // performance.now() at connect: frame times are relative to it
let running = null;     // the request the Run button started: {cancel()}
let action = null;      // what Run does for the selected item: () => Promise
let form = null;        // the reader of the detail form
let currentSpec = null; // the selected item: {title, description, schema, verb, run(args), show(result)}
let elicitQueue = Promise.resolve();

$("url").value = defaultUrl(window.location);

// ---- connection ----------------------------------------------------------------------------------------------------

$("connection").addEventListener("submit", async e => {
  e.preventDefault();
  session?.close();
  clearCatalogue();
  setStatus("connecting…", "");
  started = performance.now();
  const s = new McpSession({
    url: $("url").value.trim(), token: $("token").value, era: $("era").value,
    onFrame: frame, onElicit: elicit, onNotification: m => changed(s, m.method),
    onClose: ev => {
      if (session === s) {
        setStatus(`disconnected (${ev.code}${ev.reason ? " " + ev.reason : ""})`, ev.code === 1000 ? "" : "failed");
        connectedUi(false);
      }
    },
  });
  session = s;
  $("connect").disabled = true;
  try {
    const server = await s.connect();
    if (session !== s) return;
    setStatus(`connected: ${server.protocolVersion} (${server.era === "modern" ? "stateless, server/discover" : "legacy, initialize"})`, "connected");
    connectedUi(true);
    showServer(server);
    await loadCatalogue(s, server.capabilities);
  } catch (err) {
    if (session === s) {
      setStatus("failed: " + describe(err), "failed");
      s.close();
      connectedUi(false);
    }
  } finally {
    $("connect").disabled = false;
  }
});

$("disconnect").addEventListener("click", () => session?.close());

function connectedUi(on) {
  $("disconnect").disabled = !on;
  $("run").disabled = !on || !action;
  if (!on) $("cancel").disabled = true;
}

function setStatus(text, cls) {
  $("status").textContent = text;
  $("status").className = "status " + cls;
}

function showServer(s) {
  const info = s.serverInfo ?? {};
  const rows = [["name", info.name], ["title", info.title], ["version", info.version],
    ["protocol", s.protocolVersion], ["era", s.era === "modern" ? "2026-07-28 (stateless, _meta)" : "legacy (initialize)"],
    ["instructions", s.instructions]];
  $("server-info").replaceChildren(...rows.filter(r => r[1]).flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v, "data-key": k })]));
  $("capabilities").textContent = JSON.stringify(s.capabilities ?? {}, null, 2);
}

// ---- catalogue -----------------------------------------------------------------------------------------------------

function clearCatalogue() {
  for (const id of ["tools", "resources", "templates", "prompts"]) {
    $(id).replaceChildren();
    $(id + "-count").textContent = "";
  }
  $("server-info").replaceChildren();
  $("capabilities").textContent = "";
  select(null);
}

async function loadCatalogue(s, caps) {
  const jobs = [];
  if (caps.tools) jobs.push(fill(s, "tools/list", "tools", "tools", toolItem));
  if (caps.resources) {
    jobs.push(fill(s, "resources/list", "resources", "resources", resourceItem));
    jobs.push(fill(s, "resources/templates/list", "resourceTemplates", "templates", templateItem));
  }
  if (caps.prompts) jobs.push(fill(s, "prompts/list", "prompts", "prompts", promptItem));
  await Promise.all(jobs);
}

/** Legacy connections are told when a list changes (2026-07-28 would need subscriptions/listen): list it again. */
function changed(s, method) {
  if (method === "notifications/tools/list_changed") fill(s, "tools/list", "tools", "tools", toolItem);
  if (method === "notifications/resources/list_changed") {
    fill(s, "resources/list", "resources", "resources", resourceItem);
    fill(s, "resources/templates/list", "resourceTemplates", "templates", templateItem);
  }
  if (method === "notifications/prompts/list_changed") fill(s, "prompts/list", "prompts", "prompts", promptItem);
}

const toolItem = t => item(t.title ?? t.name, t.name, { "data-tool": t.name }, () => showTool(t));
const resourceItem = r => item(r.title ?? r.name ?? r.uri, r.uri, { "data-uri": r.uri }, () => showResource(r));
const templateItem = t => item(t.title ?? t.name ?? t.uriTemplate, t.uriTemplate, { "data-template": t.uriTemplate }, () => showTemplate(t));
const promptItem = p => item(p.title ?? p.name, p.name, { "data-prompt": p.name }, () => showPrompt(p));

async function fill(s, method, key, listId, render) {
  try {
    const items = await s.list(method, key);
    if (session !== s) return;
    $(listId).replaceChildren(...items.map(render));
    $(listId + "-count").textContent = `(${items.length})`;
  } catch (err) {
    $(listId).replaceChildren(el("li", { className: "error", text: `${method}: ${describe(err)}` }));
  }
}

function item(label, sub, attrs, onClick) {
  const b = el("button", { type: "button", ...attrs }, el("span", { text: label }), label !== sub ? el("span", { className: "sub", text: sub }) : "");
  b.addEventListener("click", () => {
    document.querySelectorAll("ul.items button.selected").forEach(x => x.classList.remove("selected"));
    b.classList.add("selected");
    onClick();
  });
  return el("li", {}, b);
}

// ---- the detail panel: one selected item, its form and its Run -----------------------------------------------------

function select(spec) {
  running?.cancel();
  running = null;
  currentSpec = spec;
  $("detail-title").textContent = spec?.title ?? "Connect, then choose a tool, resource, template or prompt";
  $("detail-description").textContent = spec?.description ?? "";
  form = spec ? renderForm($("detail-fields"), spec.schema ?? {}, { idPrefix: "arg" }) : null;
  if (!spec) $("detail-fields").replaceChildren();
  action = spec?.run ?? null;
  $("run").textContent = spec?.verb ?? "Run";
  $("run").disabled = !action || !session;
  $("cancel").disabled = true;
  $("progress-row").hidden = true;
  outcome("", "");
  $("result").replaceChildren();
}

function showTool(t) {
  select({
    title: `Tool ${t.name}`, description: t.description, schema: t.inputSchema, verb: "Call",
    run: args => {
      $("progress-row").hidden = false;
      $("progress").removeAttribute("value");
      $("progress-text").textContent = "waiting for progress…";
      delete $("progress-text").dataset.progress;
      return session.request("tools/call", { name: t.name, arguments: args }, {
        onProgress: p => {
          if (p.total) {
            $("progress").max = p.total;
            $("progress").value = p.progress;
          }
          $("progress-text").textContent = `${p.progress}${p.total ? " / " + p.total : ""}${p.message ? " · " + p.message : ""}`;
          $("progress-text").dataset.progress = p.progress;
        },
      });
    },
    show: r => {
      outcome(r.isError ? "tool error (isError)" : "ok", r.isError ? "error" : "ok");
      showContent(r.content ?? []);
      if (r.structuredContent !== undefined) block("structuredContent", el("pre", { text: JSON.stringify(r.structuredContent, null, 2) }));
    },
  });
}

function showResource(r) {
  select({
    title: `Resource ${r.uri}`, description: r.description ?? r.mimeType, schema: {}, verb: "Read",
    run: () => session.request("resources/read", { uri: r.uri }), show: showContents,
  });
}

function showTemplate(t) {
  const vars = [...t.uriTemplate.matchAll(/\{([+#]?)([^}]+)\}/g)].flatMap(m => m[2].split(",").map(v => v.trim()));
  const schema = { type: "object", properties: Object.fromEntries(vars.map(v => [v, { type: "string" }])), required: vars };
  select({
    title: `Template ${t.uriTemplate}`, description: t.description, schema, verb: "Read",
    run: args => session.request("resources/read", { uri: expand(t.uriTemplate, args) }), show: showContents,
  });
}

/** RFC 6570 levels 1-2: {var} percent-encodes reserved characters, {+var} and {#var} keep them. */
function expand(template, args) {
  return template.replace(/\{([+#]?)([^}]+)\}/g, (_, op, names) => {
    const values = names.split(",").map(n => args[n.trim()] ?? "");
    const enc = op ? encodeURI : encodeURIComponent;
    return (op === "#" ? "#" : "") + values.map(v => enc(String(v))).join(",");
  });
}

function showPrompt(p) {
  const args = p.arguments ?? [];
  const schema = { type: "object", properties: Object.fromEntries(args.map(a => [a.name, { type: "string", title: a.title, description: a.description }])),
    required: args.filter(a => a.required).map(a => a.name) };
  select({
    title: `Prompt ${p.name}`, description: p.description, schema, verb: "Get",
    run: a => session.request("prompts/get", { name: p.name, arguments: a }),
    show: r => {
      outcome("ok", "ok");
      if (r.description) block("description", el("p", { text: r.description }));
      for (const m of r.messages ?? []) showContent([m.content], m.role);
    },
  });
}

$("detail-form").addEventListener("submit", async e => {
  e.preventDefault();
  if (!action || !session) return;
  const spec = currentSpec;
  let args;
  try {
    args = form.read();
  } catch (err) {
    outcome(err.message, "error");
    return;
  }
  $("result").replaceChildren();
  outcome("running…", "");
  const call = action(args);
  running = call;
  $("cancel").disabled = false;
  $("run").disabled = true;
  try {
    const r = await call.promise;
    if (running === call) spec.show(r);
  } catch (err) {
    if (running === call) {
      if (err instanceof Cancelled) outcome("cancelled (notifications/cancelled sent)", "cancelled");
      else outcome("failed: " + describe(err), "error");
    }
  } finally {
    if (running === call) {
      running = null;
      if (!$("progress-text").dataset.progress) $("progress-row").hidden = true;
      $("cancel").disabled = true;
      $("run").disabled = !session;
    }
  }
});

$("cancel").addEventListener("click", () => running?.cancel());

// ---- results ---------------------------------------------------------------------------------------------------------

function outcome(text, cls) {
  $("outcome").textContent = text;
  $("outcome").className = "outcome " + cls;
}

function block(label, ...content) {
  $("result").append(el("div", { className: "block" }, el("div", { className: "label", text: label }), ...content));
}

function showContents(r) {
  outcome("ok", "ok");
  for (const c of r.contents ?? []) {
    const label = `${c.uri ?? ""} ${c.mimeType ?? ""}`.trim();
    if (c.text !== undefined) block(label, el("pre", { className: "text", text: c.text }));
    else if (c.blob !== undefined && /^image\//.test(c.mimeType ?? "")) block(label, el("img", { src: `data:${c.mimeType};base64,${c.blob}`, alt: c.uri ?? "" }));
    else block(label, el("pre", { text: `${(c.blob ?? "").length} base64 characters` }));
  }
}

function showContent(blocks, role) {
  for (const c of blocks) {
    const label = (role ? role + " · " : "") + (c?.type ?? "content");
    if (c?.type === "text") block(label, el("pre", { className: "text", text: c.text }));
    else if (c?.type === "image") block(label, el("img", { src: `data:${c.mimeType};base64,${c.data}`, alt: "image" }));
    else if (c?.type === "resource" && c.resource?.text !== undefined) block(label + " " + (c.resource.uri ?? ""), el("pre", { className: "text", text: c.resource.text }));
    else block(label, el("pre", { text: JSON.stringify(c, null, 2) }));
  }
}

function describe(err) {
  if (err instanceof McpError) return `${err.code} ${err.message}`;
  return err?.message ?? String(err);
}

// ---- elicitation -----------------------------------------------------------------------------------------------------

/** Answers elicitation/create (legacy request or 2026-07-28 input round) with a dialog; one question at a time. */
function elicit(params, signal) {
  const answer = elicitQueue.then(() => ask(params, signal));
  elicitQueue = answer.catch(() => {});
  return answer;
}

function ask(params, signal) {
  const dialog = $("elicit");
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Cancelled("withdrawn"));
      return;
    }
    $("elicit-message").textContent = params.message ?? "";
    $("elicit-error").textContent = "";
    const fields = renderForm($("elicit-fields"), params.requestedSchema ?? {}, { idPrefix: "elicit" });
    const done = (result, error) => {
      $("elicit-form").onsubmit = null;
      $("elicit-decline").onclick = null;
      $("elicit-cancel").onclick = null;
      signal.removeEventListener("abort", withdrawn);
      dialog.close();
      if (error) reject(error);
      else resolve(result);
    };
    const withdrawn = () => done(null, new Cancelled("withdrawn"));
    signal.addEventListener("abort", withdrawn);
    $("elicit-form").onsubmit = e => {
      e.preventDefault();
      try {
        done({ action: "accept", content: fields.read() });
      } catch (err) {
        $("elicit-error").textContent = err.message;
      }
    };
    $("elicit-decline").onclick = () => done({ action: "decline" });
    $("elicit-cancel").onclick = () => done({ action: "cancel" });
    dialog.oncancel = e => { e.preventDefault(); done({ action: "cancel" }); };
    dialog.showModal();
  });
}

// ---- frames ----------------------------------------------------------------------------------------------------------

function frame(direction, message, info) {
  const t = performance.now() - started;
  const arrow = direction === "out" ? "→" : direction === "in" ? "←" : "·";
  const parts = [el("span", { className: "time", text: `+${t.toFixed(0).padStart(5)} ms ` }), el("span", { className: "dir", text: arrow + " " })];
  let kind = "";
  if (message) {
    if (message.method !== undefined) kind = `${message.id !== undefined ? "request #" + message.id : "notification"} ${message.method}`;
    else if (message.error) kind = `error #${message.id} ${message.error.code} ${message.error.message ?? ""}`;
    else kind = `result #${message.id}${info.method ? " " + info.method : ""}${message.result?.resultType === "input_required" ? " input_required" : ""}`;
  } else {
    kind = info.text ?? "";
  }
  parts.push(el("span", { className: message?.error ? "kind-error" : "kind", text: kind }));
  if (info.elapsedMs !== undefined) parts.push(el("span", { className: "rtt", text: ` (${info.elapsedMs.toFixed(1)} ms)` }));
  const li = el("li", { className: "frame " + direction, "data-direction": direction, "data-method": message?.method ?? info.method ?? "" });
  if (message) li.append(el("details", {}, el("summary", {}, ...parts), el("pre", { text: JSON.stringify(message, null, 2) })));
  else li.append(el("details", {}, el("summary", {}, ...parts)));
  const list = $("frames");
  list.append(li);
  while (list.children.length > MAX_FRAMES) list.firstElementChild.remove();
  $("frames-count").textContent = `(${list.children.length})`;
  const panel = $("frames-panel");
  if (panel.scrollHeight - panel.scrollTop - panel.clientHeight < 80) panel.scrollTop = panel.scrollHeight; // follow the tail
}

$("frames-clear").addEventListener("click", () => {
  $("frames").replaceChildren();
  $("frames-count").textContent = "";
});
