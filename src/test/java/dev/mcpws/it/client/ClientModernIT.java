package dev.mcpws.it.client;

import dev.mcpws.client.ProtocolEra;

/** {@link ClientRoundTrips} with the era probed: our server answers server/discover, so 2026-07-28. */
class ClientModernIT extends ClientRoundTrips {

    @Override
    ProtocolEra requested() {
        return ProtocolEra.AUTO;
    }

    @Override
    ProtocolEra expected() {
        return ProtocolEra.MODERN;
    }
}
