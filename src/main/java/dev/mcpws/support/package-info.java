/**
 * What the server features (tools, resources, prompts, completions) share: content rendering per protocol version,
 * paging, helper parameters, invocation and failure mapping.
 */
package dev.mcpws.support;
