package dev.mcpws.auth;

import dev.mcpws.api.McpCaller;
import dev.mcpws.api.McpTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer-token authentication of {@code /mcp}, on when the application provides a {@link McpTokenVerifier} bean.
 * Also knows what the RFC 9728 protected-resource metadata says.
 */
@ApplicationScoped
public class BearerAuth {

    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    @Inject
    Instance<McpTokenVerifier> verifiers;

    @Inject
    @ConfigProperty(name = "mcp.auth.authorization-servers")
    Optional<String> authorizationServers;

    @Inject
    @ConfigProperty(name = "mcp.auth.scopes")
    Optional<String> scopes;

    @Inject
    @ConfigProperty(name = "mcp.auth.resource")
    Optional<String> resource;

    public boolean enabled() {
        return verifiers.isResolvable();
    }

    /** The caller of {@code request}: empty when the header is missing or malformed or the verifier refuses. */
    Optional<McpCaller> authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return verifiers.get().verify(token);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The {@code WWW-Authenticate} challenge of a 401. */
    String challenge(HttpServletRequest request, boolean tokenGiven) {
        String value = "Bearer resource_metadata=\"" + base(request) + METADATA_PATH + "/mcp\"";
        return tokenGiven ? value + ", error=\"invalid_token\"" : value;
    }

    /** The protected resource's identifier: {@code mcp.auth.resource}, else the URL of {@code /mcp} as requested. */
    String resource(HttpServletRequest request) {
        return resource.map(String::trim).filter(r -> !r.isEmpty()).orElseGet(() -> base(request) + "/mcp");
    }

    List<String> authorizationServers() {
        return split(authorizationServers);
    }

    List<String> scopes() {
        return split(scopes);
    }

    private static List<String> split(Optional<String> csv) {
        return csv.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String base(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
