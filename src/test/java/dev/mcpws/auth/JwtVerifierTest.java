package dev.mcpws.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.mcpws.api.McpCaller;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in verifier of the {@code mp.jwt.verify.*} keys, with keys made here and tokens signed here. */
class JwtVerifierTest {

    static final String ISSUER = "https://login.example.com/realms/mcp";
    static final String AUDIENCE = "mcp-server";
    static RSAKey rsa;
    static RSAKey otherRsa;
    static ECKey ec;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate(); // same kid, other key
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    static String pem(RSAKey key) throws Exception {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("u-1")
                .claim("preferred_username", "alice").claim("scope", "mcp mcp:admin")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static String es256(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static JwtVerifier verifier(Map<String, String> config) {
        return new JwtVerifier(JwtSettings.from(k -> Optional.ofNullable(config.get(k))).orElseThrow());
    }

    static JwtVerifier pemVerifier() throws Exception {
        return verifier(Map.of(JwtSettings.PUBLIC_KEY, pem(rsa), JwtSettings.ISSUER, ISSUER,
                JwtSettings.AUDIENCES, "other, " + AUDIENCE));
    }

    @Test
    void noKeyMeansNoVerifier() {
        assertTrue(JwtSettings.from(k -> Optional.ofNullable(Map.of(JwtSettings.ISSUER, ISSUER).get(k))).isEmpty());
    }

    @Test
    void aValidRs256TokenIsTheCallerWithItsScopesAndExpiry() throws Exception {
        JWTClaimsSet c = claims().build();
        McpCaller caller = pemVerifier().verify(rs256(rsa, c)).orElseThrow();
        assertEquals("alice", caller.name());
        assertEquals(Set.of("mcp", "mcp:admin"), caller.scopes());
        assertEquals(c.getExpirationTime().toInstant().getEpochSecond(), caller.expiresAt().getEpochSecond());
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() throws Exception {
        Instant now = Instant.now();
        String expired = rs256(rsa, claims().expirationTime(Date.from(now.minusSeconds(30))).build());
        assertTrue(pemVerifier().verify(expired).isPresent(), "within the default 60 s skew");
        JwtVerifier strict = verifier(Map.of(JwtSettings.PUBLIC_KEY, pem(rsa), JwtSettings.CLOCK_SKEW, "5"));
        assertTrue(strict.verify(expired).isEmpty(), "30 s past exp, 5 s skew");
        assertTrue(pemVerifier().verify(rs256(rsa, claims().expirationTime(Date.from(now.minusSeconds(120))).build()))
                .isEmpty());
    }

    @Test
    void aTokenWithoutExpIsRefused() throws Exception {
        assertTrue(pemVerifier().verify(rs256(rsa, claims().expirationTime(null).build())).isEmpty());
    }

    @Test
    void aTokenNotYetValidIsRefused() throws Exception {
        String early = rs256(rsa, claims().notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build());
        assertTrue(pemVerifier().verify(early).isEmpty());
    }

    @Test
    void theIssuerMustMatch() throws Exception {
        assertTrue(pemVerifier().verify(rs256(rsa, claims().issuer("https://evil.example.com").build())).isEmpty());
        assertTrue(pemVerifier().verify(rs256(rsa, claims().issuer(null).build())).isEmpty());
    }

    @Test
    void theAudienceMustBeOneOfTheConfigured() throws Exception {
        assertTrue(pemVerifier().verify(rs256(rsa, claims().audience("someone-else").build())).isEmpty());
        assertTrue(pemVerifier().verify(rs256(rsa, claims().audience((String) null).build())).isEmpty());
        assertTrue(pemVerifier().verify(rs256(rsa, claims().audience(List.of("x", "other")).build())).isPresent());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        assertTrue(pemVerifier().verify(rs256(otherRsa, claims().build())).isEmpty());
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        String none = new PlainJWT(claims().build()).serialize();
        assertTrue(pemVerifier().verify(none).isEmpty());
        // a JWS header claiming alg none, with the signature of a real token
        String[] real = rs256(rsa, claims().build()).split("\\.");
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        assertTrue(pemVerifier().verify(header + "." + real[1] + "." + real[2]).isEmpty());
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hs.sign(new MACSigner(rsa.toPublicKey().getEncoded()));
        assertTrue(pemVerifier().verify(hs.serialize()).isEmpty());
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String[] parts = rs256(rsa, claims().build()).split("\\.");
        String forged = Base64URL.encode(claims().claim("scope", "mcp mcp:admin root").build().toString()).toString();
        assertTrue(pemVerifier().verify(parts[0] + "." + forged + "." + parts[2]).isEmpty());
        assertTrue(pemVerifier().verify("not.a.jwt").isEmpty());
    }

    @Test
    void scopesComeFromScopeScpAndGroups() throws Exception {
        JwtVerifier v = pemVerifier();
        McpCaller c = v.verify(rs256(rsa, claims().claim("scope", null).claim("scp", List.of("a", "b"))
                .claim("groups", List.of("admins")).build())).orElseThrow();
        assertEquals(Set.of("a", "b", "admins"), c.scopes());
        assertEquals(Set.of("x"), v.verify(rs256(rsa, claims().claim("scope", null).claim("scp", "x").build()))
                .orElseThrow().scopes());
    }

    @Test
    void theNameIsUpnThenPreferredUsernameThenSub() throws Exception {
        JwtVerifier v = pemVerifier();
        assertEquals("a@x", v.verify(rs256(rsa, claims().claim("upn", "a@x").build())).orElseThrow().name());
        assertEquals("u-1", v.verify(rs256(rsa, claims().claim("preferred_username", null).build())).orElseThrow().name());
        assertTrue(v.verify(rs256(rsa, claims().claim("preferred_username", null).subject(null).build())).isEmpty());
    }

    @Test
    void es256FromAJwksText() throws Exception {
        JwtVerifier v = verifier(Map.of(JwtSettings.PUBLIC_KEY, new JWKSet(List.of(ec.toPublicJWK(),
                rsa.toPublicJWK())).toString()));
        assertEquals("alice", v.verify(es256(ec, claims().build())).orElseThrow().name());
        assertEquals("alice", v.verify(rs256(rsa, claims().build())).orElseThrow().name());
    }

    @Test
    void theConfiguredAlgorithmIsTheOnlyOne() throws Exception {
        JwtVerifier v = verifier(Map.of(JwtSettings.PUBLIC_KEY, new JWKSet(List.of(ec.toPublicJWK(),
                rsa.toPublicJWK())).toString(), JwtSettings.ALGORITHM, "ES256"));
        assertTrue(v.verify(es256(ec, claims().build())).isPresent());
        assertTrue(v.verify(rs256(rsa, claims().build())).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> verifier(Map.of(JwtSettings.PUBLIC_KEY, pem(rsa), JwtSettings.ALGORITHM, "HS256")));
    }

    @Test
    void aJwksFileAndAPemFileByLocation(@TempDir Path dir) throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(ec.toPublicJWK()).toString());
        JwtVerifier byUrl = verifier(Map.of(JwtSettings.LOCATION, jwks.toUri().toString()));
        assertTrue(byUrl.verify(es256(ec, claims().build())).isPresent());
        assertTrue(byUrl.verify(rs256(rsa, claims().build())).isEmpty());
        Path pem = Files.writeString(dir.resolve("key.pem"), pem(rsa));
        JwtVerifier byPath = verifier(Map.of(JwtSettings.LOCATION, pem.toString()));
        assertTrue(byPath.verify(rs256(rsa, claims().build())).isPresent());
    }

    @Test
    void badConfigurationIsAnError(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> verifier(Map.of(JwtSettings.PUBLIC_KEY, "garbage")));
        assertThrows(IllegalArgumentException.class,
                () -> verifier(Map.of(JwtSettings.LOCATION, dir.resolve("missing.json").toString())));
        assertThrows(IllegalArgumentException.class, () -> verifier(Map.of(JwtSettings.PUBLIC_KEY, pem(rsa),
                JwtSettings.LOCATION, "classpath:/x.pem")));
        assertThrows(IllegalArgumentException.class, () -> JwtSettings.from(
                k -> Optional.ofNullable(Map.of(JwtSettings.PUBLIC_KEY, "k", JwtSettings.CLOCK_SKEW, "soon").get(k))));
    }

    @Test
    void aJwksServedOverHttpIsFetchedAgainForAnUnknownKid() throws Exception {
        RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        AtomicReference<String> served = new AtomicReference<>(new JWKSet(rsa.toPublicJWK()).toString());
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
            JwtVerifier v = verifier(Map.of(JwtSettings.LOCATION, url, JwtSettings.ISSUER, ISSUER));
            assertTrue(v.verify(rs256(rsa, claims().build())).isPresent());
            int afterFirst = fetches.get();
            assertTrue(v.verify(rs256(rsa, claims().build())).isPresent());
            assertEquals(afterFirst, fetches.get(), "a known kid is served from the cache");

            served.set(new JWKSet(next.toPublicJWK()).toString()); // the issuer rotates its key
            assertTrue(v.verify(rs256(next, claims().build())).isPresent(), "unknown kid: fetched again");
            assertEquals(afterFirst + 1, fetches.get());
            assertTrue(v.verify(rs256(rsa, claims().build())).isEmpty(), "the retired key is gone");
        } finally {
            server.stop(0);
        }
    }
}
