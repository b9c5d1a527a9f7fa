package dev.mcpws.it.client;

import dev.mcpws.client.ProtocolEra;

/** {@link ClientRoundTrips} pinned to the legacy handshake (2025-11-25). */
class ClientLegacyIT extends ClientRoundTrips {

    @Override
    ProtocolEra requested() {
        return ProtocolEra.LEGACY;
    }

    @Override
    ProtocolEra expected() {
        return ProtocolEra.LEGACY;
    }
}
