package dev.mcpws.auth;

import dev.mcpws.api.McpCaller;
import dev.mcpws.api.McpTokenVerifier;
import static dev.mcpws.diagnostics.Messages.JWT_CLAIM_UNCHECKED;
import static dev.mcpws.diagnostics.Messages.JWT_CONFIG_IGNORED;
import static dev.mcpws.diagnostics.Messages.JWT_CONFIG_INVALID;
import static dev.mcpws.diagnostics.Messages.JWT_READY;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer-token authentication of {@code /mcp}, on when the application provides a {@link McpTokenVerifier} bean or
 * the {@code mp.jwt.verify.*} keys name a public key (the application's bean wins). Also knows what the RFC 9728
 * protected-resource metadata says.
 */
@ApplicationScoped
public class BearerAuth {

    private static final Logger LOG = Logger.getLogger(BearerAuth.class.getName());

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

    @Inject
    Config config;

    /** The verifier of the {@code mp.jwt.verify.*} keys; null when they name no key or the application has its own. */
    private McpTokenVerifier jwt;
    private Optional<String> jwtIssuer = Optional.empty();

    @PostConstruct
    void start() {
        Optional<JwtSettings> settings;
        try {
            settings = JwtSettings.from(key -> config.getOptionalValue(key, String.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(JWT_CONFIG_INVALID.format(e.getMessage()), e);
        }
        if (settings.isEmpty()) {
            return;
        }
        if (verifiers.isResolvable()) {
            JWT_CONFIG_IGNORED.log(LOG, null);
            return;
        }
        JwtSettings s = settings.get();
        JwtVerifier v;
        try {
            v = new JwtVerifier(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(JWT_CONFIG_INVALID.format(e.getMessage()), e);
        }
        if (s.issuer() == null) {
            JWT_CLAIM_UNCHECKED.log(LOG, null, JwtSettings.ISSUER, "issuer");
        }
        if (s.audiences().isEmpty()) {
            JWT_CLAIM_UNCHECKED.log(LOG, null, JwtSettings.AUDIENCES, "audience");
        }
        JWT_READY.log(LOG, null, v.keySource(), s.issuer() == null ? "(any)" : s.issuer(),
                s.audiences().isEmpty() ? "(any)" : s.audiences(), v.algorithms(), s.clockSkewSeconds());
        jwt = v;
        jwtIssuer = Optional.ofNullable(s.issuer());
    }

    /** Reads the configuration when the application starts: a broken {@code mp.jwt.verify.*} fails the deployment. */
    void onStartup(@Observes Startup startup) {
        enabled();
    }

    public boolean enabled() {
        return jwt != null || verifiers.isResolvable();
    }

    /** The application's verifier when it has one, else the {@code mp.jwt.verify.*} one. */
    private McpTokenVerifier verifier() {
        return verifiers.isResolvable() ? verifiers.get() : jwt;
    }

    /** The caller of {@code request}: empty when the header is missing or malformed or the verifier refuses. */
    Optional<McpCaller> authenticate(HttpServletRequest request) {
        Optional<String> offered = token(request);
        if (offered.isEmpty()) {
            return Optional.empty();
        }
        String token = offered.get();
        try {
            return verifier().verify(token);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The subprotocol prefix that carries a token from a browser (SEP-1288): {@code mcp.auth.<base64url token>}. */
    public static final String SUBPROTOCOL_PREFIX = "mcp.auth.";

    /**
     * Where the token is read from: {@code Authorization: Bearer <token>}, else (a WebSocket upgrade from a browser,
     * which cannot set headers) a {@code Sec-WebSocket-Protocol} entry {@code mcp.auth.<base64url token>} offered next
     * to {@code mcp}. Never the query string. Empty when neither is there or the value is malformed.
     */
    static Optional<String> token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            String token = header.substring(7).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return subprotocolToken(request);
    }

    /** Whether the request offers a token at all (a malformed one included): a 401 then says invalid_token. */
    static boolean tokenOffered(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || subprotocolEntry(request).isPresent();
    }

    private static Optional<String> subprotocolToken(HttpServletRequest request) {
        return subprotocolEntry(request).flatMap(entry -> {
            String encoded = entry.substring(SUBPROTOCOL_PREFIX.length());
            try {
                String token = new String(java.util.Base64.getUrlDecoder().decode(encoded),
                        java.nio.charset.StandardCharsets.UTF_8).trim();
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> subprotocolEntry(HttpServletRequest request) {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return Optional.empty();
        }
        java.util.Enumeration<String> values = request.getHeaders("Sec-WebSocket-Protocol");
        while (values != null && values.hasMoreElements()) {
            for (String entry : values.nextElement().split(",")) {
                String e = entry.trim();
                if (e.startsWith(SUBPROTOCOL_PREFIX)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code WWW-Authenticate} challenge of a 401. */
    String challenge(HttpServletRequest request, boolean tokenGiven) {
        String value = "Bearer resource_metadata=\"" + base(request) + METADATA_PATH + "/mcp\"";
        return tokenGiven ? value + ", error=\"invalid_token\"" : value;
    }

    /**
     * The {@code WWW-Authenticate} challenge of a 403 for a token that lacks {@code scope} (space-separated): RFC 6750
     * section 3.1, with the metadata document as on a 401, so a client can ask for a token with more scopes.
     */
    public String insufficientScope(HttpServletRequest request, String scope) {
        return "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\", resource_metadata=\"" + base(request)
                + METADATA_PATH + "/mcp\"";
    }

    /** The protected resource's identifier: {@code mcp.auth.resource}, else the URL of {@code /mcp} as requested. */
    String resource(HttpServletRequest request) {
        return resource.map(String::trim).filter(r -> !r.isEmpty()).orElseGet(() -> base(request) + "/mcp");
    }

    /** {@code mcp.auth.authorization-servers}, else the {@code mp.jwt.verify.issuer} of the built-in verifier. */
    List<String> authorizationServers() {
        List<String> configured = split(authorizationServers);
        return configured.isEmpty() ? split(jwtIssuer) : configured;
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
