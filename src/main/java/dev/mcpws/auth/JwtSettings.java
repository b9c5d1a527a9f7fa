package dev.mcpws.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The standard MicroProfile JWT keys this server reads ({@code mp.jwt.verify.*}); bearer tokens are verified as JWTs
 * when one of the two key settings is present.
 *
 * @param publicKey        {@code mp.jwt.verify.publickey}: PEM (or base64 DER) public key, a JWK or a JWKS as text
 * @param location         {@code mp.jwt.verify.publickey.location}: {@code file:}, {@code classpath:} (or a bare
 *                         resource path), {@code https:} (or, for tests, {@code http:}) URL of a PEM key or a JWKS
 * @param issuer           {@code mp.jwt.verify.issuer}: the exact {@code iss}, or null (any)
 * @param audiences        {@code mp.jwt.verify.audiences}: accepted {@code aud} values, empty = any
 * @param algorithm        {@code mp.jwt.verify.publickey.algorithm}: the only accepted {@code alg}, or null (RS*, PS*, ES*)
 * @param clockSkewSeconds {@code mp.jwt.verify.clock.skew}: leeway for {@code exp} and {@code nbf}
 */
record JwtSettings(String publicKey, String location, String issuer, Set<String> audiences, String algorithm,
                   int clockSkewSeconds) {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    static final String LOCATION = "mp.jwt.verify.publickey.location";
    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    static final String ALGORITHM = "mp.jwt.verify.publickey.algorithm";
    static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    static final int DEFAULT_CLOCK_SKEW = 60;

    JwtSettings {
        audiences = Set.copyOf(audiences);
    }

    /** The settings of {@code config} (a key → value lookup), or empty when neither key setting is present. */
    static Optional<JwtSettings> from(Function<String, Optional<String>> config) {
        String key = value(config, PUBLIC_KEY);
        String location = value(config, LOCATION);
        if (key == null && location == null) {
            return Optional.empty();
        }
        Set<String> audiences = new LinkedHashSet<>();
        String aud = value(config, AUDIENCES);
        if (aud != null) {
            Arrays.stream(aud.split(",")).map(String::trim).filter(a -> !a.isEmpty()).forEach(audiences::add);
        }
        String skew = value(config, CLOCK_SKEW);
        int skewSeconds;
        try {
            skewSeconds = skew == null ? DEFAULT_CLOCK_SKEW : Integer.parseInt(skew);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CLOCK_SKEW + " must be a number of seconds, not '" + skew + "'");
        }
        if (skewSeconds < 0) {
            throw new IllegalArgumentException(CLOCK_SKEW + " must be >= 0");
        }
        return Optional.of(new JwtSettings(key, location, value(config, ISSUER), audiences, value(config, ALGORITHM),
                skewSeconds));
    }

    private static String value(Function<String, Optional<String>> config, String key) {
        return config.apply(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
    }
}
