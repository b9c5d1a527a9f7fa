package dev.mcpws.features;

import dev.mcpws.api.McpCaller;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scopes a tool, resource, template or prompt requires of its caller: all of them must be among the scopes of the
 * connection's {@link McpCaller} (its token). Without required scopes everybody may use it; with some, a caller that is
 * not authenticated never may. Immutable; set once at deploy time.
 */
public final class Access {

    /** Needs nothing. */
    public static final Access OPEN = new Access(Set.of());

    /** RFC 6749 section 3.3 scope-token: printable ASCII except space, {@code "} and {@code \}. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private final Set<String> scopes;
    private final String joined;

    private Access(Set<String> scopes) {
        this.scopes = scopes;
        this.joined = String.join(" ", scopes);
    }

    /** Requires every scope of {@code scopes} (none: {@link #OPEN}). */
    public static Access requiring(Collection<String> scopes) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String s : scopes) {
            if (s == null || !SCOPE_TOKEN.matcher(s).matches()) {
                throw new IllegalArgumentException("Invalid scope '" + s + "': a scope is printable ASCII without spaces,"
                        + " quotes or backslashes (RFC 6749 section 3.3)");
            }
            sorted.add(s);
        }
        return sorted.isEmpty() ? OPEN : new Access(Collections.unmodifiableSortedSet(sorted));
    }

    /**
     * The scopes of an annotated method: those the annotation names, plus the roles of
     * {@code jakarta.annotation.security.RolesAllowed} on the method (or, when the method has none, on its class).
     */
    public static Access of(Method method, String[] annotationScopes) {
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        String[] fromRoles = roles == null ? new String[0] : roles.value();
        return requiring(Stream.concat(Arrays.stream(annotationScopes), Arrays.stream(fromRoles)).toList());
    }

    public boolean isOpen() {
        return scopes.isEmpty();
    }

    /** The required scopes, sorted. */
    public Set<String> scopes() {
        return scopes;
    }

    /** The required scopes as one space-separated string (the {@code scope} of an RFC 6750 challenge). */
    public String scopeString() {
        return joined;
    }

    /** True when {@code caller} may use what this guards. */
    public boolean allows(Principal caller) {
        return scopes.isEmpty() || caller instanceof McpCaller c && c.scopes().containsAll(scopes);
    }

    @Override
    public String toString() {
        return scopes.isEmpty() ? "open" : "scopes " + joined;
    }
}
