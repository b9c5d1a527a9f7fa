/**
 * Cluster mode (off unless {@code mcp.cluster.redis-uri} is set): what one node announces that the other nodes must
 * deliver to their own clients. {@link dev.mcpws.cluster.ClusterBus} is all the server sees; {@link
 * dev.mcpws.cluster.ClusterBus#LOCAL} (one node) does nothing, {@code dev.mcpws.cluster.redis} (Redis pub/sub through
 * Lettuce, and the task store every node shares) is loaded only in cluster mode. {@link dev.mcpws.cluster.Envelope} is the message on the wire. This package
 * knows neither the engine nor the features: the container glue ({@code dev.mcpws.cdi}) maps events to deliveries.
 */
package dev.mcpws.cluster;
