package dev.mcpws.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Where {@code mcp.console.enabled} is on: only for the goals a developer types ({@code mvn liberty:run}, the pom's
 * {@code default-cli} execution), never in {@code liberty/config} (which the Docker image and the ITs' server copy) nor
 * in the Dockerfile. The {@code default-cli} jvm.options replace liberty/config/jvm.options, so they repeat its lines.
 */
class ConsoleConfigurationTest {

    /** The key set to true as a property, an environment variable or a server.xml variable. */
    private static final Pattern ENABLED = Pattern.compile("mcp[._]console[._]enabled\"?\\s*(=|:|value=)\\s*\"?true");

    private static List<String> defaultCliJvmOptions() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList params = (NodeList) XPathFactory.newInstance().newXPath().evaluate(
                "//*[local-name()='plugin'][*[local-name()='artifactId']='liberty-maven-plugin']"
                        + "//*[local-name()='execution'][*[local-name()='id']='default-cli']"
                        + "//*[local-name()='jvmOptions']/*[local-name()='param']", pom, XPathConstants.NODESET);
        List<String> options = new ArrayList<>();
        for (int i = 0; i < params.getLength(); i++) {
            options.add(params.item(i).getTextContent().trim());
        }
        return options;
    }

    @Test
    void theRunCommandEnablesTheConsoleAndKeepsTheJvmOptions() throws Exception {
        List<String> options = defaultCliJvmOptions();
        assertTrue(options.contains("-Dmcp.console.enabled=true"), options::toString);
        for (String line : Files.readAllLines(Path.of("liberty", "config", "jvm.options"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertTrue(options.contains(line.trim()), "liberty/config/jvm.options has " + line
                        + ", which the default-cli jvmOptions of the pom must repeat: " + options);
            }
        }
    }

    @Test
    void neitherTheSharedConfigurationNorTheImageEnableIt() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("Dockerfile")));
        try (Stream<Path> config = Files.walk(Path.of("liberty"))) {
            config.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            String text = Files.readString(f).toLowerCase(Locale.ROOT);
            assertFalse(ENABLED.matcher(text).find(), f + " must leave the console off (it is on only for mvn liberty:run)");
        }
    }
}
