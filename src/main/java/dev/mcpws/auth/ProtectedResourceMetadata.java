package dev.mcpws.auth;

import dev.mcpws.protocol.Json2;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * RFC 9728 OAuth 2.0 protected-resource metadata of {@code /mcp}, the target of the 401 challenge: the resource, its
 * authorization servers ({@code mcp.auth.authorization-servers}), the scopes ({@code mcp.auth.scopes}) and that tokens
 * go in the header only. 404 while authentication is off.
 */
@WebServlet(urlPatterns = {BearerAuth.METADATA_PATH, BearerAuth.METADATA_PATH + "/mcp"})
public class ProtectedResourceMetadata extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient BearerAuth auth;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!auth.enabled()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        JsonObjectBuilder body = Json2.object()
                .add("resource", auth.resource(req))
                .add("authorization_servers", array(auth.authorizationServers()))
                .add("bearer_methods_supported", Json2.array().add("header"));
        List<String> scopes = auth.scopes();
        if (!scopes.isEmpty()) {
            body.add("scopes_supported", array(scopes));
        }
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "max-age=3600");
        resp.getWriter().write(body.build().toString());
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder a = Json2.array();
        values.forEach(a::add);
        return a;
    }
}
