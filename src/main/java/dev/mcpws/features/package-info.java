/**
 * The shared plumbing of the feature packages ({@code tools}, {@code resources}, {@code prompts}, {@code completion}):
 * what more than one of them needs to describe, list and run application code, and nothing else.
 * <ul>
 *   <li>calling application code: {@link dev.mcpws.features.Invoker} (a bound method), {@link dev.mcpws.features.Completer},
 *       {@link dev.mcpws.features.Helper} (the server-supplied parameters);</li>
 *   <li>what became of a call: {@link dev.mcpws.features.Outcomes} (results, stages and the mapping of exceptions to
 *       protocol errors and logged diagnostics);</li>
 *   <li>list methods: {@link dev.mcpws.features.Paging};</li>
 *   <li>who may see and use a definition: {@link dev.mcpws.features.Access} (its scopes),
 *       {@link dev.mcpws.features.Guard} (what a caller without them gets, one rule for every feature);</li>
 *   <li>JSON of definitions and content per protocol version: {@link dev.mcpws.features.Presentation} (icons,
 *       annotations), {@link dev.mcpws.features.Rendered} (rendered once per version), {@link dev.mcpws.features.ContentJson}.</li>
 * </ul>
 * Code used by one feature only stays in that feature's package. This package depends on {@code api}, {@code engine},
 * {@code protocol}, {@code diagnostics} and {@code logging} (for {@code McpLog} helpers), never on a transport or
 * {@code cdi}.
 */
package dev.mcpws.features;
