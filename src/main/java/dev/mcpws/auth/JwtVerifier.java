package dev.mcpws.auth;

import static dev.mcpws.diagnostics.Messages.JWKS_NOT_HTTPS;
import static dev.mcpws.diagnostics.Messages.JWT_REFUSED;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mcpws.api.McpCaller;
import dev.mcpws.api.McpTokenVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The built-in {@link McpTokenVerifier} of the {@code mp.jwt.verify.*} keys, on nimbus-jose-jwt: the signature
 * (RS256/384/512, PS256/384/512, ES256/384/512, or only {@code mp.jwt.verify.publickey.algorithm}; never {@code none}
 * or an HMAC), {@code exp} (required) and {@code nbf} with the clock skew, {@code iss} and {@code aud} when configured.
 * A JWKS named by a location is cached and fetched again when a token names an unknown {@code kid} (key rotation).
 * The caller is {@code upn}, else {@code preferred_username}, else {@code sub}; its scopes are {@code scope}
 * (space-separated) plus the {@code scp} and {@code groups} arrays; it expires at {@code exp}.
 */
final class JwtVerifier implements McpTokenVerifier {

    private static final Logger LOG = Logger.getLogger(JwtVerifier.class.getName());
    private static final List<JWSAlgorithm> ASYMMETRIC = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** How long a fetched JWKS is used before it is fetched again (also refreshed at once on an unknown kid). */
    static final long JWKS_TTL_MS = 5 * 60_000L;
    /** At most two fetches per this interval, so forged kids cannot make the server hammer the key endpoint. */
    static final long JWKS_MIN_REFRESH_INTERVAL_MS = 30_000L;
    private static final int HTTP_TIMEOUT_MS = 5_000;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String keySource;
    private final Set<JWSAlgorithm> algorithms;

    /** @throws IllegalArgumentException when the settings cannot work (no usable key, an unknown algorithm...) */
    JwtVerifier(JwtSettings settings) {
        if (settings.publicKey() != null && settings.location() != null) {
            throw new IllegalArgumentException("set either " + JwtSettings.PUBLIC_KEY + " or " + JwtSettings.LOCATION
                    + ", not both");
        }
        JWKSource<SecurityContext> keys;
        if (settings.publicKey() != null) {
            keys = fixed(parseKeys(settings.publicKey(), JwtSettings.PUBLIC_KEY));
            keySource = JwtSettings.PUBLIC_KEY;
        } else {
            keys = locationSource(settings.location());
            keySource = settings.location();
        }
        if (settings.algorithm() != null) {
            JWSAlgorithm alg = JWSAlgorithm.parse(settings.algorithm());
            if (!ASYMMETRIC.contains(alg)) {
                throw new IllegalArgumentException(JwtSettings.ALGORITHM + " '" + settings.algorithm()
                        + "' is not one of " + ASYMMETRIC);
            }
            algorithms = Set.of(alg);
        } else {
            algorithms = new LinkedHashSet<>(ASYMMETRIC);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        // access tokens are typed JWT (Keycloak, most servers) or at+jwt (RFC 9068), or not typed
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        Set<String> required = new HashSet<>(Set.of("exp"));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (settings.issuer() != null) {
            exact.issuer(settings.issuer());
            required.add("iss");
        }
        if (!settings.audiences().isEmpty()) {
            required.add("aud");
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audiences().isEmpty() ? null : settings.audiences(), exact.build(), required, null);
        claims.setMaxClockSkew(settings.clockSkewSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Where the keys come from, for the startup line. */
    String keySource() {
        return keySource;
    }

    Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    @Override
    public Optional<McpCaller> verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (Exception e) { // ParseException, BadJOSEException, JOSEException: the token is refused
            JWT_REFUSED.log(LOG, null, e.getMessage());
            return Optional.empty();
        }
        String name = firstString(claims, "upn", "preferred_username", "sub");
        if (name == null) {
            JWT_REFUSED.log(LOG, null, "no upn, preferred_username or sub claim");
            return Optional.empty();
        }
        return Optional.of(new McpCaller(name, scopes(claims), claims.getExpirationTime().toInstant()));
    }

    private static String firstString(JWTClaimsSet claims, String... names) {
        for (String n : names) {
            if (claims.getClaim(n) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    /** {@code scope} (space-separated string), {@code scp} (array or string), {@code groups} (array). */
    static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String claim : List.of("scope", "scp", "groups")) {
            Object v = claims.getClaim(claim);
            if (v instanceof String s) {
                for (String part : s.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        scopes.add(part);
                    }
                }
            } else if (v instanceof Collection<?> list) {
                list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(scopes::add);
            }
        }
        return scopes;
    }

    /** A JWKS (or one JWK) in JSON, or a PEM / base64 DER (X.509 SubjectPublicKeyInfo) RSA or EC public key. */
    static JWKSet parseKeys(String text, String what) {
        String t = text.trim();
        try {
            if (t.startsWith("{")) {
                return t.contains("\"keys\"") ? JWKSet.parse(t) : new JWKSet(JWK.parse(t));
            }
            return new JWKSet(toJwk(pemPublicKey(t)));
        } catch (ParseException | IllegalArgumentException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " holds no usable public key (PEM, JWK or JWKS): " + e.getMessage(), e);
        }
    }

    /**
     * Fixed keys: a set with key ids is matched by {@code kid} like a JWKS; a PEM key has no id and verifies tokens
     * whatever {@code kid} they name (the signature check still decides).
     */
    private static JWKSource<SecurityContext> fixed(JWKSet set) {
        boolean ids = set.getKeys().stream().allMatch(k -> k.getKeyID() != null);
        if (ids) {
            return new ImmutableJWKSet<>(set);
        }
        List<JWK> all = set.getKeys();
        return (selector, context) -> all;
    }

    private static PublicKey pemPublicKey(String pem) throws java.security.GeneralSecurityException {
        if (pem.contains("-----BEGIN") && !pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new IllegalArgumentException("only '-----BEGIN PUBLIC KEY-----' PEM blocks are read");
        }
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (java.security.spec.InvalidKeySpecException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static JWK toJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        ECPublicKey ec = (ECPublicKey) key;
        return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
    }

    /**
     * The keys at {@code location}: a PEM key is read once; a JWKS goes through nimbus' cache, which fetches it again
     * after {@link #JWKS_TTL_MS} or when a token names a {@code kid} it does not hold (rate-limited).
     */
    private static JWKSource<SecurityContext> locationSource(String location) {
        URL url = resolve(location);
        boolean http = "http".equals(url.getProtocol()) || "https".equals(url.getProtocol());
        ResourceRetriever retriever = http
                ? new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, JWKS_SIZE_LIMIT)
                : JwtVerifier::read;
        String first;
        try {
            first = retriever.retrieveResource(url).getContent();
        } catch (IOException e) {
            // a key server that is down at startup is not a configuration error: the cache fetches on first use
            if (!http) {
                throw new IllegalArgumentException(JwtSettings.LOCATION + " '" + location + "' cannot be read: " + e, e);
            }
            first = "{\"keys\":[]}";
        }
        if (!first.trim().startsWith("{")) {
            return fixed(parseKeys(first, JwtSettings.LOCATION + " '" + location + "'"));
        }
        parseKeys(first, JwtSettings.LOCATION + " '" + location + "'"); // fail the deployment on a broken JWKS
        if ("http".equals(url.getProtocol())) {
            JWKS_NOT_HTTPS.log(LOG, null, location);
        }
        return JWKSourceBuilder.<SecurityContext>create(url, retriever)
                .cache(JWKS_TTL_MS, HTTP_TIMEOUT_MS)
                .refreshAheadCache(false)
                .rateLimited(JWKS_MIN_REFRESH_INTERVAL_MS)
                .retrying(false)
                .build();
    }

    /** {@code file:}, {@code http(s):} and {@code jar:} URLs as they are; {@code classpath:x} or a bare path on the class path, else as a file. */
    private static URL resolve(String location) {
        try {
            if (location.matches("(?i)(file|https?|jar):.*")) {
                return URI.create(location).toURL();
            }
            String path = location.regionMatches(true, 0, "classpath:", 0, 10) ? location.substring(10) : location;
            String resource = path.startsWith("/") ? path.substring(1) : path;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            URL found = loader == null ? null : loader.getResource(resource);
            if (found == null) {
                found = JwtVerifier.class.getClassLoader().getResource(resource);
            }
            if (found != null) {
                return found;
            }
            if (Files.isRegularFile(Path.of(path))) {
                return Path.of(path).toUri().toURL();
            }
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(JwtSettings.LOCATION + " '" + location + "' is no URL: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(JwtSettings.LOCATION + " '" + location
                + "' is neither a class path resource nor a file");
    }

    private static Resource read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new Resource(new String(in.readNBytes(JWKS_SIZE_LIMIT), StandardCharsets.UTF_8), "application/json");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
