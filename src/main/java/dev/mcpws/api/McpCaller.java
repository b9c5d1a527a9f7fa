package dev.mcpws.api;

import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller, as {@link McpTokenVerifier} saw it: the principal of its connection ({@code RequestInfo}'s
 * {@code principal()}), its scopes, and when its token expires ({@code null}: never).
 */
public record McpCaller(String name, Set<String> scopes, Instant expiresAt) implements Principal {

    public McpCaller {
        Objects.requireNonNull(name, "name");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public McpCaller(String name) {
        this(name, Set.of(), null);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
