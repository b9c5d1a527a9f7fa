package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The client's and the bridge's log ids: defined once in {@link ClientMessage}, used only through it, documented. */
class ClientMessageTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern ID = Pattern.compile("MCPWS([BC])\\d{3}([IWE])");
    private static final Pattern LITERAL = Pattern.compile("MCPWS[BC]");

    @Test
    void everyIdIsWellFormedAndDefinedOnce() {
        Map<String, ClientMessage> seen = new HashMap<>();
        for (ClientMessage m : ClientMessage.values()) {
            assertTrue(ID.matcher(m.id()).matches(), m + ": " + m.id() + " is not MCPWS[BC]nnn[IWE]");
            ClientMessage before = seen.put(m.id(), m);
            assertEquals(null, before, m.id() + " is used by both " + before + " and " + m);
        }
    }

    @Test
    void theSuffixMatchesTheLevel() {
        Map<Character, Level> levels = Map.of('I', Level.INFO, 'W', Level.WARNING, 'E', Level.SEVERE);
        for (ClientMessage m : ClientMessage.values()) {
            char suffix = m.id().charAt(m.id().length() - 1);
            assertEquals(levels.get(suffix), m.level(), m + " (" + m.id() + ") is logged at " + m.level());
        }
    }

    @Test
    void bridgeIdsAreUsedInTheBridgeAndClientIdsInTheClient() throws IOException {
        Map<String, String> sources = sources();
        for (ClientMessage m : ClientMessage.values()) {
            Pattern use = Pattern.compile("\\bClientMessage\\." + m.name() + "\\b");
            List<String> users = sources.entrySet().stream().filter(e -> !e.getKey().endsWith("ClientMessage.java"))
                    .filter(e -> use.matcher(e.getValue()).find()).map(Map.Entry::getKey).toList();
            assertTrue(!users.isEmpty(), m + " is never used");
            boolean bridge = m.id().charAt(5) == 'B';
            for (String user : users) {
                assertEquals(bridge, user.contains("/client/bridge/"), m.id() + " is used in " + user);
            }
        }
    }

    @Test
    void noIdLiteralOutsideTheEnum() throws IOException {
        List<String> offenders = new ArrayList<>();
        sources().forEach((file, text) -> {
            if (!file.endsWith("dev/mcpws/client/ClientMessage.java")) {
                Matcher m = LITERAL.matcher(text);
                if (m.find()) {
                    offenders.add(file + " at offset " + m.start());
                }
            }
        });
        assertEquals(List.of(), offenders, "MCPWSC/MCPWSB ids belong in ClientMessage");
    }

    @Test
    void theReadmeListsEveryId() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        for (ClientMessage m : ClientMessage.values()) {
            assertTrue(readme.contains("`" + m.id() + "`"), "README.md does not mention " + m.id());
        }
    }

    @Test
    void formatsAndLogsWithTheIdFirst() {
        assertEquals("MCPWSC004I: Connection to ws://h/mcp lost (1006 gone); reconnecting",
                ClientMessage.CONNECTION_LOST.format("ws://h/mcp", 1006, "gone", "; reconnecting"));

        Logger logger = Logger.getLogger("dev.mcpws.client.ClientMessageTest");
        List<LogRecord> records;
        try (dev.mcpws.engine.LogCapture capture = new dev.mcpws.engine.LogCapture(logger.getName())) {
            IllegalStateException boom = new IllegalStateException("boom");
            ClientMessage.HANDLER_FAILED.log(logger, boom, "sampling/createMessage", boom);
            logger.setLevel(Level.SEVERE);
            ClientMessage.CONNECTED.log(logger, null, "ws://h/mcp"); // below the logger's level: not logged
            records = capture.records();
        } finally {
            logger.setLevel(null);
        }
        assertEquals(1, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals("MCPWSC007W: The client's handler of sampling/createMessage failed: java.lang.IllegalStateException: boom",
                records.get(0).getMessage());
        assertEquals("boom", records.get(0).getThrown().getMessage());
        assertEquals(ClientMessageTest.class.getName(), records.get(0).getSourceClassName(), "the caller is the source");
        assertEquals("formatsAndLogsWithTheIdFirst", records.get(0).getSourceMethodName());
    }

    /** Every main source file (path with '/' separators) and its text; the tests run in the project root. */
    static Map<String, String> sources() throws IOException {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(MAIN)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                files.put(p.toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        assertTrue(files.size() > 50, "the scan found the sources under " + MAIN.toAbsolutePath());
        return files;
    }
}
