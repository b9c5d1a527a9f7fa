package dev.mcpws.transport.http;

import dev.mcpws.auth.BearerAuth;
import dev.mcpws.engine.Era;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpException;
import dev.mcpws.engine.McpSession;
import dev.mcpws.engine.RequestChannel;
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
import dev.mcpws.transport.McpRequestFilter;
import dev.mcpws.transport.Utf8;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streamable HTTP on {@code /mcp} (the WebSocket upgrade path; upgrade requests pass through to the WebSocket
 * endpoint). {@code POST}: one JSON-RPC message, handed to the engine with its {@link Exchange} as the channel, and
 * answered with JSON, an SSE stream, or 202. The era comes from the engine's {@link dev.mcpws.engine.EraRule}, as on
 * WebSocket: legacy (2025-11-25 and older) clients get an {@code Mcp-Session-Id} on {@code initialize}, may open a
 * {@code GET} SSE stream and end the session with {@code DELETE}; 2026-07-28 requests are stateless and their metadata
 * headers are checked. Thin on purpose: the engine has the protocol, {@link HttpTransport} the sessions,
 * {@link HttpRules} the HTTP-only rules, {@link McpRequestFilter} the Origin policy.
 */
@WebServlet(urlPatterns = "/mcp", asyncSupported = true)
public class McpHttpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(McpHttpServlet.class.getName());

    /** The channel of messages that are no request (notifications, responses): they get no answer. */
    private static final RequestChannel NO_ANSWER = new RequestChannel() {
        @Override
        public void respond(JsonRpcMessage response) {
            // a notification or response is answered with 202 by the servlet
        }

        @Override
        public void notify(JsonRpcMessage message) {
            // nothing belongs to a notification
        }

        @Override
        public void skip() {
            // nothing to end
        }
    };

    @Inject
    transient HttpTransport transport;

    @Inject
    transient BearerAuth auth;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
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
        HttpRules.FramingError framing = HttpRules.checkFraming(Collections.list(req.getHeaders("Content-Length")),
                Collections.list(req.getHeaders("Transfer-Encoding")), Collections.list(req.getHeaders("Content-Type")));
        if (framing != null) {
            // the end of this body cannot be trusted, so neither can the start of a next request on this connection
            resp.setHeader("Connection", "close");
            error(resp, framing.status(), new JsonRpcError(null, ErrorCodes.INVALID_REQUEST, framing.message()));
            return;
        }
        if (!HttpRules.isJson(req.getContentType())) {
            error(resp, 415, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                    "Unsupported Media Type: send application/json (UTF-8)"));
            return;
        }
        if (!HttpRules.acceptsJsonOrSse(req.getHeader("Accept"))) {
            error(resp, 406, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                    "Not Acceptable: accept application/json and text/event-stream"));
            return;
        }
        int max = transport.shared().maxMessageBytes();
        if (req.getContentLengthLong() > max) {
            resp.setHeader("Connection", "close"); // the body is not read
            error(resp, 413, tooBig(max));
            return;
        }
        // the body is read without a thread waiting for it: a client that sends it slowly holds no worker
        AsyncContext async = req.startAsync();
        async.setTimeout(0); // mcp.http.body-timeout-ms bounds the body, the engine's request timeout the work
        transport.readBody(req.getInputStream(), max, req.getContentLengthLong(), new BodyReader.Sink() {
            @Override
            public void body(String text) {
                try {
                    onBody(req, resp, async, text);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "A POST failed", e);
                    complete(async);
                }
            }

            @Override
            public void refused(int status) {
                try {
                    resp.setHeader("Connection", "close"); // whatever is left of the body is not read
                    error(resp, status, switch (status) {
                        case 413 -> tooBig(max);
                        case 408 -> new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                                "Request Timeout: the body did not arrive in time");
                        // the container could not read the body (a bad chunk, a cut body): nothing of its message
                        default -> new JsonRpcError(null, ErrorCodes.PARSE_ERROR, "Bad Request: the body could not be read");
                    });
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "Refusing a POST body failed", e);
                } finally {
                    complete(async);
                }
            }
        });
    }

    private static JsonRpcError tooBig(int max) {
        return new JsonRpcError(null, ErrorCodes.MESSAGE_TOO_BIG, "Message larger than " + max + " bytes");
    }

    /** The whole body arrived (on a container thread): decode it and hand it on. Every path ends the async request. */
    private void onBody(HttpServletRequest req, HttpServletResponse resp, AsyncContext async, String body)
            throws IOException {
        transport.listener().received(HttpTransport.NAME, Utf8.length(body));
        JsonRpcMessage message = JsonRpcCodec.decode(body);
        if (message instanceof InvalidMessage bad) {
            fail(async, resp, 400, new JsonRpcError(bad.id(), bad.code(), bad.reason()));
            return;
        }
        String version = req.getHeader(HttpRules.PROTOCOL_VERSION);
        String sid = req.getHeader(HttpRules.SESSION_ID);
        McpEngine engine = transport.engine();
        if (message instanceof JsonRpcRequest request) {
            if (engine.eraRule().decide(request, sid != null, version) == Era.MODERN) {
                statelessRequest(req, resp, async, request, version, engine);
            } else {
                legacyRequest(req, resp, async, request, version, sid, engine);
            }
            return;
        }
        if (version != null && !ProtocolVersion.isSupported(version.trim())) {
            unsupportedVersion(resp, null, version);
            complete(async);
            return;
        }
        if (sid == null) {
            if (message instanceof JsonRpcBatch) {
                // batches exist only in 2025-03-26, whose requests need a session: say so rather than drop them
                fail(async, resp, 400, McpEngine.batchRefused());
            } else if (version != null && ProtocolVersion.isLegacy(version.trim())) {
                sessionRequired(resp, null);
                complete(async);
            } else {
                resp.setStatus(202); // stateless: nothing to route a notification or response to
                complete(async);
            }
            return;
        }
        HttpSession c = transport.session(sid);
        if (c == null) {
            unknownSession(resp);
            complete(async);
            return;
        }
        if (message instanceof JsonRpcBatch) {
            Exchange ex = exchange(req, resp, async, false, version).fallback(c);
            c.track(ex);
            engine.onMessage(c.session(), message, ex);
            return;
        }
        engine.onMessage(c.session(), message, NO_ANSWER);
        resp.setStatus(202);
        complete(async);
    }

    /** 2026-07-28: headers checked against the body, then the request runs on its own (no session). */
    private void statelessRequest(HttpServletRequest req, HttpServletResponse resp, AsyncContext async,
                                  JsonRpcRequest request, String version, McpEngine engine) throws IOException {
        if (transport.connections().draining()) {
            McpRequestFilter.unavailable(resp, transport.connections(), "The server is shutting down");
            complete(async);
            return;
        }
        // a request whose _meta lacks the version is answered by the engine (-32602 naming what is missing), as on
        // WebSocket: there is no body value the headers could be checked against
        JsonRpcError mismatch = request.meta().containsKey(dev.mcpws.engine.MetaKeys.PROTOCOL_VERSION)
                ? HttpRules.checkModernHeaderValues(request,
                        name -> Collections.list(req.getHeaders(name)), engine) : null;
        if (mismatch != null) {
            fail(async, resp, 400, mismatch);
            return;
        }
        Exchange ex = exchange(req, resp, async, true, version);
        McpSession s = transport.openRequest(req.getUserPrincipal(), ex);
        engine.onMessage(s, request, ex);
    }

    /** 2025-11-25 and older: initialize opens a session, every other request needs one. */
    private void legacyRequest(HttpServletRequest req, HttpServletResponse resp, AsyncContext async,
                               JsonRpcRequest request, String version, String sid, McpEngine engine) throws IOException {
        if (version != null && !ProtocolVersion.isSupported(version.trim())) {
            unsupportedVersion(resp, request.id(), version);
            complete(async);
            return;
        }
        HttpSession c;
        Exchange ex;
        // initialize in a live session goes to that session, whose engine refuses it (-32600) as on a WebSocket that
        // already shook hands; with no or an unknown (ended) Mcp-Session-Id it opens a new session
        if ("initialize".equals(request.method()) && (sid == null || transport.session(sid) == null)) {
            c = transport.openSession(req.getUserPrincipal());
            if (c == null) {
                McpRequestFilter.unavailable(resp, transport.connections(), transport.connections().draining()
                        ? "The server is shutting down" : "Too many connections");
                complete(async);
                return;
            }
            ex = exchange(req, resp, async, false, version).header(HttpRules.SESSION_ID, c.sessionId());
            Exchange self = ex;
            ex.beforeResponse(r -> {
                if (r instanceof JsonRpcError) {
                    self.removeHeader(HttpRules.SESSION_ID);
                    self.onDone(() -> transport.end(c, 1002));
                }
            });
        } else {
            if (sid == null) {
                sessionRequired(resp, request.id());
                complete(async);
                return;
            }
            c = transport.session(sid);
            if (c == null) {
                unknownSession(resp);
                complete(async);
                return;
            }
            ex = exchange(req, resp, async, false, version);
        }
        McpSession session = c.session();
        ex.fallback(c).onAbort(() -> engine.onMessage(session, cancelled(request.id()), NO_ANSWER));
        c.track(ex);
        engine.onMessage(session, request, ex);
    }

    private static JsonRpcNotification cancelled(RequestId id) {
        return new JsonRpcNotification("notifications/cancelled", Json2.object()
                .add("requestId", Json2.idValue(id)).add("reason", "the client closed the stream").build());
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
        HttpSession c = transport.session(sid);
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
        Exchange stream = Exchange.stream(new ServletOutput(async, resp), transport.listener())
                .writer(transport::write);
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
        HttpSession c = transport.session(sid);
        if (c == null) {
            unknownSession(resp);
            return;
        }
        transport.end(c, 1000);
        resp.setStatus(204);
    }

    // ------------------------------------------------------------------ helpers

    /** The exchange of a POST whose body was read (the request is in asynchronous mode since). */
    private Exchange exchange(HttpServletRequest req, HttpServletResponse resp, AsyncContext async, boolean modern,
                              String version) {
        Exchange ex = Exchange.forRequest(new ServletOutput(async, resp), HttpRules.acceptsSse(req.getHeader("Accept")),
                modern, version, transport.listener()).writer(transport::write);
        async.addListener(new Aborter(ex));
        return ex.beforeResponse(r -> {
            if (r instanceof JsonRpcError e && e.code() == ErrorCodes.INSUFFICIENT_SCOPE) {
                ex.header("WWW-Authenticate", auth.insufficientScope(req, HttpRules.requiredScopes(e)));
            }
        });
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

    private static void sessionRequired(HttpServletResponse resp, RequestId id) throws IOException {
        error(resp, 400, new JsonRpcError(id, ErrorCodes.INVALID_REQUEST,
                "Bad Request: the " + HttpRules.SESSION_ID + " header is required (send initialize first)"));
    }

    private static void unknownSession(HttpServletResponse resp) throws IOException {
        error(resp, 404, new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                "Not Found: unknown or ended session; send initialize to start a new one"));
    }

    private static void unsupportedVersion(HttpServletResponse resp, RequestId id, String version) throws IOException {
        McpException e = McpException.unsupportedVersion("Bad Request: unsupported " + HttpRules.PROTOCOL_VERSION + " " + version,
                version);
        error(resp, 400, new JsonRpcError(id, e.code(), e.getMessage(), e.data()));
    }

    /** {@link #error} on a request in asynchronous mode, which it then ends. */
    private static void fail(AsyncContext async, HttpServletResponse resp, int status, JsonRpcError error) throws IOException {
        try {
            error(resp, status, error);
        } finally {
            complete(async);
        }
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed (the client went away and the container ended it)
        }
    }

    private static void error(HttpServletResponse resp, int status, JsonRpcError error) throws IOException {
        byte[] body = JsonRpcCodec.encode(error).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(Exchange.JSON);
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
