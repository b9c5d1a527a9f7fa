package dev.mcpws.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.Elicitation;
import dev.mcpws.api.Progress;
import dev.mcpws.api.TaskSupport;
import dev.mcpws.api.Tool;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @Tool(nonBlocking = true)}: such a tool's calls run on the thread that read them (here the test's thread,
 * standing for the transport's read thread); every other tool's calls still hop to the worker pool; a declaration
 * that cannot hold (the tool waits for the client, or runs as a task) fails the deployment.
 */
class NonBlockingToolTest {

    /** Two tools that record the thread they ran on. */
    static final class Tools {
        final BlockingQueue<Thread> ranOn = new LinkedBlockingQueue<>();

        @Tool(name = "fast", nonBlocking = true)
        public String fast(String text, Progress progress) {
            ranOn.add(Thread.currentThread());
            progress.report(1, 1.0, "half");
            return text;
        }

        @Tool(name = "plain")
        public String plain(String text) {
            ranOn.add(Thread.currentThread());
            return text;
        }
    }

    static final class AsksTheClient {
        @Tool(name = "asks", nonBlocking = true)
        public String asks(Elicitation elicitation) {
            return "never";
        }
    }

    static final class RunsAsTask {
        @Tool(name = "task", nonBlocking = true, taskSupport = TaskSupport.OPTIONAL)
        public String task() {
            return "never";
        }
    }

    private ToolsHarness t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private Thread ranOn(Tools tools) throws InterruptedException {
        Thread thread = tools.ranOn.poll(5, TimeUnit.SECONDS);
        assertTrue(thread != null, "the tool ran");
        return thread;
    }

    @Test
    void aNonBlockingToolRunsOnTheReadingThreadAndAPlainToolHops() throws Exception {
        for (String version : ToolsHarness.ALL_VERSIONS) {
            Tools tools = new Tools();
            t = new ToolsHarness(version, TestTools.registry(tools));
            assertEquals("hi", t.call("fast", ToolsHarness.args().add("text", "hi"))
                    .getJsonArray("content").getJsonObject(0).getString("text"), version);
            assertSame(Thread.currentThread(), ranOn(tools), version + ": nonBlocking runs inline");
            assertEquals("ho", t.call("plain", ToolsHarness.args().add("text", "ho"))
                    .getJsonArray("content").getJsonObject(0).getString("text"), version);
            assertNotSame(Thread.currentThread(), ranOn(tools), version + ": a plain tool hops to the pool");
            t.close();
            t = null;
        }
    }

    @Test
    void theDeclarationIsReadAndCanBeDemoted() {
        ToolDefinition fast = TestTools.registry(new Tools()).get("fast");
        ToolDefinition plain = TestTools.registry(new Tools()).get("plain");
        assertTrue(fast.nonBlocking());
        assertFalse(plain.nonBlocking());
        assertTrue(fast.demote(), "it was non-blocking");
        assertFalse(fast.nonBlocking(), "demoted");
        assertFalse(fast.demote(), "only once");
    }

    @Test
    void aToolThatWaitsForTheClientOrRunsAsATaskCannotBeNonBlocking() {
        IllegalArgumentException asks = assertThrows(IllegalArgumentException.class,
                () -> TestTools.registry(new AsksTheClient()));
        assertTrue(asks.getMessage().contains("a non-blocking tool cannot take elicitation"), asks.getMessage());
        IllegalArgumentException task = assertThrows(IllegalArgumentException.class,
                () -> TestTools.registry(new RunsAsTask()));
        assertTrue(task.getMessage().contains("a non-blocking tool cannot run as a task"), task.getMessage());
    }

    @Test
    void aProgrammaticToolCanDeclareItToo() {
        ToolRegistry registry = new ToolRegistry();
        new ProgrammaticTools(registry).newTool("p").argument("x", String.class, "x", true).nonBlocking(true)
                .handler(a -> a.get("x")).register();
        assertTrue(registry.get("p").nonBlocking());
    }
}
