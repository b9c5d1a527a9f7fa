package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Protocol errors common to both eras (tool-specific ones are in ToolsContract, era rules in ErasContract). */
public interface ErrorsContract extends ContractTransport {

    @ParameterizedTest
    @EnumSource(Era.class)
    default void unknownMethodIsMinus32601AndTheClientGoesOn(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject error = c.request("no/such").error(-32601);
            assertTrue(error.getString("message").contains("no/such"), error::toString);
            c.sync();
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void aMethodOfTheOtherEraIsMinus32601(Era era) {
        try (McpTestClient c = client(era)) {
            if (era == Era.MODERN) {
                c.request("resources/unsubscribe").param("uri", "it://config").error(-32601);
            } else {
                // a legacy request of a 2026-07-28-only method has no _meta: it is refused as an incomplete modern one
                assertEquals(-32602, c.request("subscriptions/listen").param("notifications", obj().add("toolsListChanged", true))
                        .call().code());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void badParamShapesAreMinus32602(Era era) {
        try (McpTestClient c = client(era)) {
            c.request("tools/list").param("cursor", obj()).error(-32602);
            c.request("prompts/get").param("name", 5).error(-32602);
            c.request("resources/read").param("uri", 5).error(-32602);
            c.request("completion/complete").param("ref", "nope").error(-32602);
        }
    }
}
