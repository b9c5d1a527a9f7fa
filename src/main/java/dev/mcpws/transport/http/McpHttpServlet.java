package dev.mcpws.transport.http;

import dev.mcpws.engine.McpEngine;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.InvalidMessage;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcBatch;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.protocol.RequestId;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streamable HTTP on {@code /mcp} (the WebSocket upgrade path; upgrade requests pass through to the WebSocket
 * endpoint). {@code POST}: one JSON-RPC message, answered with JSON, an SSE stream, or 202. Legacy (2025-11-25 and
 * older) clients get an {@code Mcp-Session-Id} on {@code initialize}, may open a {@code GET} SSE stream and end the
 * session with {@code DELETE}; 2026-07-28 requests are stateless and their metadata headers are checked.
 * Thin on purpose: the engine has the protocol, {@link HttpTransport} the sessions, {@link HttpRules} the rules.
 */
@WebServlet(urlPatterns = "/mcp", asyncSupported = true)
public class McpHttpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient HttpTransport transport;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String origin = req.getHeader("Origin");
        if (!transport.settings().origins().permits(origin)) {
            error(resp, 403, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST, "Forbidden: origin " + origin + " is not allowed"));
            return;
        }
        switch (req.getMethod()) {
            case "POST" -> post(req, resp);
            case "GET" -> get(req, resp);
            case "DELETE" -> delete(req, resp);
            default -> {
                resp.setHeader("Allow", "GET, POST, DELETE");
                resp.sendError(405);
            }
        }
    }

    // ------------------------------------------------------------------ POST

    private void post(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!HttpRules.isJson(req.getContentType())) {
            error(resp, 415, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST, "Unsupported Media Type: send application/json"));
            return;
        }
        String accept = req.getHeader("Accept");
        if (!HttpRules.acceptsJsonOrSse(accept)) {
            error(resp, 406, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                    "Not Acceptable: accept application/json and text/event-stream"));
            return;
        }
        String body = readBody(req, transport.settings().maxMessageBytes());
        if (body == null) {
            error(resp, 413, new JsonRpcError(null, ErrorCodes.MESSAGE_TOO_BIG,
                    "Message larger than " + transport.settings().maxMessageBytes() + " bytes"));
            return;
        }
        JsonRpcMessage message = JsonRpcCodec.decode(body);
        if (message instanceof InvalidMessage bad) {
            error(resp, 400, new JsonRpcError(bad.id(), bad.code(), bad.reason()));
            return;
        }
        String version = req.getHeader(HttpRules.PROTOCOL_VERSION);
        String sid = req.getHeader(HttpRules.SESSION_ID);
        McpEngine engine = transport.engine();
        if (message instanceof JsonRpcRequest request) {
            if (HttpRules.isModern(request, version)) {
                statelessRequest(req, resp, request, engine);
            } else {
                legacyRequest(req, resp, request, version, sid, engine);
            }
            return;
        }
        if (version != null && !HttpRules.isSupportedVersion(version.trim())) {
            unsupportedVersion(resp, null, version);
            return;
        }
        if (sid == null) {
            if (version != null && ProtocolVersion.isLegacy(version.trim())) {
                error(resp, 400, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                        "Bad Request: the " + HttpRules.SESSION_ID + " header is required (send initialize first)"));
            } else {
                resp.setStatus(202); // stateless: nothing to route a notification or response to
            }
            return;
        }
        HttpConnection c = transport.session(sid);
        if (c == null) {
            unknownSession(resp);
            return;
        }
        if (message instanceof JsonRpcBatch batch && batch.messages().stream().anyMatch(m -> m instanceof JsonRpcRequest)) {
            Exchange ex = exchange(req, resp, false);
            if (!c.awaitBatch(ex)) {
                ex.respond(new JsonRpcError(null, ErrorCodes.INVALID_REQUEST, "Invalid Request: a batch is already in flight"));
                return;
            }
            engine.onMessage(c.session(), message);
            return;
        }
        engine.onMessage(c.session(), message);
        resp.setStatus(202);
    }

    /** 2026-07-28: headers checked against the body, then the request runs on a connection of its own. */
    private void statelessRequest(HttpServletRequest req, HttpServletResponse resp, JsonRpcRequest request, McpEngine engine)
            throws IOException {
        JsonRpcError mismatch = HttpRules.checkModernHeaders(request, req::getHeader);
        if (mismatch != null) {
            error(resp, 400, mismatch);
            return;
        }
        HttpConnection c = transport.openStateless(req.getUserPrincipal());
        Exchange ex = exchange(req, resp, true).onAbort(() -> transport.end(c));
        c.await(request.id(), ex);
        ex.onDone(() -> transport.end(c));
        engine.onMessage(c.session(), request);
    }

    /** 2025-11-25 and older: initialize opens a session, every other request needs one. */
    private void legacyRequest(HttpServletRequest req, HttpServletResponse resp, JsonRpcRequest request, String version,
                               String sid, McpEngine engine) throws IOException {
        if (version != null && !HttpRules.isSupportedVersion(version.trim())) {
            unsupportedVersion(resp, request.id(), version);
            return;
        }
        HttpConnection c;
        Exchange ex;
        if ("initialize".equals(request.method())) {
            c = transport.openSession(req.getUserPrincipal());
            if (c == null) {
                resp.setHeader("Retry-After", "5");
                error(resp, 503, new JsonRpcError(request.id(), ErrorCodes.TOO_MANY_REQUESTS, "Too many sessions"));
                return;
            }
            ex = exchange(req, resp, false).header(HttpRules.SESSION_ID, c.sessionId());
            boolean[] failed = new boolean[1];
            Exchange self = ex;
            ex.beforeResponse(r -> {
                if (r instanceof JsonRpcError) {
                    failed[0] = true;
                    self.removeHeader(HttpRules.SESSION_ID);
                }
            });
            ex.onDone(() -> {
                if (failed[0]) {
                    transport.end(c);
                }
            });
        } else {
            if (sid == null) {
                error(resp, 400, new JsonRpcError(request.id(), ErrorCodes.INVALID_REQUEST,
                        "Bad Request: the " + HttpRules.SESSION_ID + " header is required (send initialize first)"));
                return;
            }
            c = transport.session(sid);
            if (c == null) {
                unknownSession(resp);
                return;
            }
            ex = exchange(req, resp, false);
        }
        HttpConnection conn = c;
        ex.onAbort(() -> engine.onMessage(conn.session(), cancelled(request.id())));
        if (!c.await(request.id(), ex)) {
            ex.respond(new JsonRpcError(request.id(), ErrorCodes.DUPLICATE_REQUEST_ID,
                    "Request id " + request.id() + " is already in flight in this session"));
            return;
        }
        engine.onMessage(c.session(), request);
    }

    private static JsonRpcNotification cancelled(RequestId id) {
        var params = Json2.object().add("reason", "the client closed the stream");
        if (id.value() instanceof String s) {
            params.add("requestId", s);
        } else {
            params.add("requestId", (Long) id.value());
        }
        return new JsonRpcNotification("notifications/cancelled", params.build());
    }

    // ------------------------------------------------------------------ GET, DELETE

    /** The legacy standalone SSE stream of a session; 405 where there is none (no session, 2026-07-28). */
    private void get(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sid = req.getHeader(HttpRules.SESSION_ID);
        String version = req.getHeader(HttpRules.PROTOCOL_VERSION);
        if (sid == null || (version != null && ProtocolVersion.isModern(version.trim()))) {
            resp.setHeader("Allow", "POST");
            error(resp, 405, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                    "Method Not Allowed: no standalone stream without a session; POST requests"));
            return;
        }
        HttpConnection c = transport.session(sid);
        if (c == null) {
            unknownSession(resp);
            return;
        }
        if (!HttpRules.acceptsSse(req.getHeader("Accept"))) {
            error(resp, 406, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST, "Not Acceptable: accept text/event-stream"));
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        Exchange stream = Exchange.stream(new ServletOutput(async, resp));
        async.addListener(new Aborter(stream));
        c.addStream(stream);
    }

    /** Ends a legacy session. */
    private void delete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sid = req.getHeader(HttpRules.SESSION_ID);
        if (sid == null) {
            resp.setHeader("Allow", "POST");
            error(resp, 405, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                    "Method Not Allowed: no session to end (send " + HttpRules.SESSION_ID + ")"));
            return;
        }
        HttpConnection c = transport.session(sid);
        if (c == null) {
            unknownSession(resp);
            return;
        }
        transport.end(c);
        resp.setStatus(204);
    }

    // ------------------------------------------------------------------ helpers

    private Exchange exchange(HttpServletRequest req, HttpServletResponse resp, boolean modern) {
        AsyncContext async = req.startAsync();
        async.setTimeout(0); // the engine's request timeout bounds the work
        Exchange ex = Exchange.forRequest(new ServletOutput(async, resp), HttpRules.acceptsSse(req.getHeader("Accept")), modern);
        async.addListener(new Aborter(ex));
        return ex;
    }

    /** The client went away or the container gave up: the exchange is aborted (its request cancelled). */
    private record Aborter(Exchange exchange) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            // normal end
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            exchange.abort();
        }

        @Override
        public void onError(AsyncEvent event) {
            exchange.abort();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not re-dispatched
        }
    }

    private static void unknownSession(HttpServletResponse resp) throws IOException {
        error(resp, 404, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                "Not Found: unknown or ended session; send initialize to start a new one"));
    }

    private static void unsupportedVersion(HttpServletResponse resp, RequestId id, String version) throws IOException {
        var supported = Json2.array();
        ProtocolVersion.MODERN.forEach(supported::add);
        ProtocolVersion.LEGACY.forEach(supported::add);
        error(resp, 400, new JsonRpcError(id, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
                "Bad Request: unsupported " + HttpRules.PROTOCOL_VERSION + " " + version,
                Json2.object().add("supported", supported).add("requested", version).build()));
    }

    private static void error(HttpServletResponse resp, int status, JsonRpcError error) throws IOException {
        byte[] body = JsonRpcCodec.encode(error).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(Exchange.JSON);
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** The body as UTF-8 text, or null when it is larger than {@code max} bytes. */
    private static String readBody(HttpServletRequest req, int max) throws IOException {
        if (req.getContentLengthLong() > max) {
            return null;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (InputStream in = req.getInputStream()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (buf.size() + n > max) {
                    return null;
                }
                buf.write(chunk, 0, n);
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
