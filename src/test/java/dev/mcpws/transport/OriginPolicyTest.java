package dev.mcpws.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one Origin policy of both transports. */
class OriginPolicyTest {

    @Test
    void originPolicy() {
        OriginPolicy any = OriginPolicy.parse(null);
        assertTrue(any.permits("http://evil.example"));
        OriginPolicy local = OriginPolicy.parse("http://localhost:*, https://app.example");
        assertTrue(local.permits(null), "no Origin: not a browser");
        assertTrue(local.permits("http://localhost:8080"));
        assertTrue(local.permits("http://localhost"));
        assertTrue(local.permits("https://app.example"));
        assertFalse(local.permits("http://localhost.evil.example"));
        assertFalse(local.permits("http://localhost:80x"));
        assertFalse(local.permits("http://evil.example"));
        assertTrue(OriginPolicy.parse("*").permits("http://evil.example"));
    }
}
