package dev.mcpws.client;

import java.util.List;

/** The answer of {@code completion/complete}: at most 100 values; {@code total} may be null. */
public record Completion(List<String> values, Integer total, boolean hasMore) {
}
