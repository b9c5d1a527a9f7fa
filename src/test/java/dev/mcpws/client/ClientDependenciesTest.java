package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The client jar (dev/mcpws/client/** + dev/mcpws/protocol/**) carries no server code: nothing else may be used. */
class ClientDependenciesTest {

    private static final Pattern PROJECT_NAME = Pattern.compile("\\bdev\\.mcpws\\.(\\w+)");

    @Test
    void theClientUsesOnlyTheClientAndTheProtocol() throws IOException {
        List<String> offenders = new ArrayList<>();
        ClientMessageTest.sources().forEach((file, text) -> {
            if (file.contains("/dev/mcpws/client/")) {
                Matcher m = PROJECT_NAME.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals("client") && !m.group(1).equals("protocol")) {
                        offenders.add(file + ": " + m.group());
                    }
                }
            }
        });
        assertEquals(List.of(), offenders);
    }
}
