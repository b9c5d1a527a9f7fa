package dev.mcpws.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's message catalogue: ids unique, suffixes that match the levels, ids in the range of the package that
 * uses them, no id literal outside {@link Messages}, every id in the README. Reads the source tree (tests run with the
 * project root as working directory). The client package has its own catalogue and is skipped.
 */
class MessagesTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path CLIENT = MAIN.resolve("dev/mcpws/client");
    private static final Path CATALOGUE = MAIN.resolve("dev/mcpws/diagnostics/Messages.java");

    /** The hundreds of the ids a package may use; the longest matching prefix wins. */
    private static final Map<String, Integer> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("dev.mcpws.engine", 1);
        RANGES.put("dev.mcpws.tools", 2);
        RANGES.put("dev.mcpws.cdi", 3);
        RANGES.put("dev.mcpws.transport.websocket", 4);
        RANGES.put("dev.mcpws.transport.http", 5);
        RANGES.put("dev.mcpws.completion", 6);
        RANGES.put("dev.mcpws.resources", 7);
        RANGES.put("dev.mcpws.logging", 8);
        RANGES.put("dev.mcpws.prompts", 9);
        RANGES.put("dev.mcpws.transport", 10);
        RANGES.put("dev.mcpws.auth", 11);
        RANGES.put("dev.mcpws.observability", 12);
        RANGES.put("dev.mcpws.cluster", 14); // 13xx left to the tasks extension
    }

    /** Ids that were renumbered because two messages shared them: the README names them, no message may use them. */
    private static final Set<String> RETIRED = Set.of("MCPWS0403I", "MCPWS0408I", "MCPWS0409I", "MCPWS0502E", "MCPWS0701E");

    private static final Pattern ID = Pattern.compile("MCPWS(\\d{2})(\\d{2})([IWE])");
    private static final Pattern LITERAL = Pattern.compile("MCPWS[0-9]{4}");
    private static final Pattern USE = Pattern.compile("\\bMessages\\s*\\.\\s*([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern WILDCARD = Pattern.compile("import\\s+static\\s+dev\\.mcpws\\.diagnostics\\.Messages\\.\\*");

    private static Map<Path, String> sources;

    @BeforeAll
    static void readSources() throws IOException {
        assertTrue(Files.isRegularFile(CATALOGUE), "run with the project root as working directory");
        sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(CLIENT)).sorted()::iterator) {
                sources.put(f, Files.readString(f, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void everyIdIsWellFormedAndDefinedOnce() {
        Map<String, Messages> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Messages m : Messages.values()) {
            if (!ID.matcher(m.id()).matches()) {
                problems.add(m + ": id " + m.id() + " is not MCPWSnnnn[IWE]");
            }
            Messages before = seen.put(m.id().substring(0, 9), m);
            if (before != null) {
                problems.add(m.id() + " is defined twice: " + before + " and " + m);
            }
            if (RETIRED.contains(m.id())) {
                problems.add(m + ": " + m.id() + " is retired (it meant something else before)");
            }
            if (m.pattern().isBlank() || m.pattern().startsWith("MCPWS")) {
                problems.add(m + ": the pattern is the text without the id");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theSuffixMatchesTheLevel() {
        List<String> problems = new ArrayList<>();
        for (Messages m : Messages.values()) {
            char suffix = m.id().charAt(m.id().length() - 1);
            Set<Level> allowed = switch (suffix) {
                case 'I' -> Set.of(Level.INFO);
                // a warning about a peer that went away is routine: logged at FINE, still a warning when enabled
                case 'W' -> Set.of(Level.WARNING, Level.FINE);
                case 'E' -> Set.of(Level.SEVERE);
                default -> Set.of();
            };
            if (!allowed.contains(m.level())) {
                problems.add(m + ": " + m.id() + " is logged at " + m.level() + "; suffix " + suffix + " means " + allowed);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyIdLiesInTheRangeOfThePackagesThatUseIt() {
        Map<Messages, Set<String>> users = new EnumMap<>(Messages.class);
        List<String> problems = new ArrayList<>();
        sources.forEach((file, text) -> {
            if (file.equals(CATALOGUE)) {
                return;
            }
            if (WILDCARD.matcher(text).find()) {
                problems.add(file + ": import the constants of Messages by name, not with *");
            }
            String pkg = packageOf(file);
            Matcher use = USE.matcher(text);
            while (use.find()) {
                Messages m = constant(use.group(1));
                if (m == null) {
                    continue; // e.g. another class named Messages
                }
                users.computeIfAbsent(m, k -> new TreeSet<>()).add(pkg);
            }
        });
        for (Messages m : Messages.values()) {
            Set<String> pkgs = users.get(m);
            if (pkgs == null) {
                problems.add(m + " (" + m.id() + ") is used nowhere: remove it or use it");
                continue;
            }
            int hundreds = Integer.parseInt(m.id().substring(5, 7));
            for (String pkg : pkgs) {
                Integer range = range(pkg);
                if (range == null) {
                    problems.add(m.id() + " is used in " + pkg + ", which has no id range");
                } else if (range != hundreds) {
                    problems.add(m.id() + " is used in " + pkg + ", whose ids are " + String.format("%02d", range) + "xx");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noIdLiteralOutsideTheCatalogue() {
        List<String> problems = new ArrayList<>();
        sources.forEach((file, text) -> {
            if (file.equals(CATALOGUE)) {
                return;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (LITERAL.matcher(lines[i]).find()) {
                    problems.add(file + ":" + (i + 1) + ": " + lines[i].trim());
                }
            }
        });
        assertEquals(List.of(), problems, "define these in dev.mcpws.diagnostics.Messages");
    }

    @Test
    void theReadmeListsEveryIdAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        for (Messages m : Messages.values()) {
            if (!readme.contains("| `" + m.id() + "` |")) {
                problems.add(m.id() + " has no row in the README's Diagnostics table");
            }
        }
        Matcher mentioned = ID.matcher(readme);
        while (mentioned.find()) {
            if (!RETIRED.contains(mentioned.group()) && java.util.Arrays.stream(Messages.values())
                    .noneMatch(m -> m.id().equals(mentioned.group()))) {
                problems.add("the README mentions " + mentioned.group() + ", which is no message of the server");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void formatPutsTheIdFirst() {
        assertEquals("MCPWS1003I: drain done; 3 requests were still running", Messages.DRAIN_DONE.format(3));
        assertEquals("MCPWS0308E: mcp.mrtr.secret is too short (12 bytes; use at least 32)",
                Messages.MRTR_SECRET_TOO_SHORT.format(12));
        assertEquals("MCPWS0102E: tools/call (request 7 on connection c-1) failed with an unexpected exception",
                Messages.REQUEST_FAILED.format("tools/call", 7, "c-1"));
    }

    @Test
    void logFormatsOnlyWhenTheLevelIsLoggedAndNamesTheCaller() {
        Logger logger = Logger.getLogger("dev.mcpws.diagnostics.MessagesTest.probe");
        try (dev.mcpws.engine.LogCapture capture = new dev.mcpws.engine.LogCapture(logger.getName())) {
            java.util.function.Supplier<List<LogRecord>> records = capture::records;
            Object loud = new Object() {
                @Override
                public String toString() {
                    throw new AssertionError("formatted although the level is off");
                }
            };
            logger.setLevel(Level.WARNING);
            Messages.WEBSOCKET_READY.log(logger, null, loud); // INFO: off
            assertTrue(records.get().isEmpty());
            IllegalStateException boom = new IllegalStateException("boom");
            Messages.CLIENT_NOT_READING.log(logger, boom, "ws-1", 100);
            assertEquals(1, records.get().size());
            LogRecord r = records.get().get(0);
            assertEquals(Level.WARNING, r.getLevel());
            assertEquals("MCPWS0404W: ws-1 is not reading: 100 messages wait to be written; closing it", r.getMessage());
            assertEquals(boom, r.getThrown());
            assertEquals(MessagesTest.class.getName(), r.getSourceClassName());
            assertNull(r.getParameters());
            assertFalse(r.getSourceMethodName().isEmpty());
        }
    }

    private static Messages constant(String name) {
        for (Messages m : Messages.values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static String packageOf(Path file) {
        return MAIN.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    private static Integer range(String pkg) {
        String best = null;
        for (String prefix : RANGES.keySet()) {
            if ((pkg.equals(prefix) || pkg.startsWith(prefix + ".")) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : RANGES.get(best);
    }
}
