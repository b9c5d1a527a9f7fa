package dev.mcpws.tools;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.Content;
import dev.mcpws.api.Description;
import dev.mcpws.api.Progress;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import dev.mcpws.api.ToolException;
import dev.mcpws.api.ToolResult;
import dev.mcpws.engine.McpException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Tool classes for the tools tests, written the way applications write them (see dev.mcpws.example). */
final class TestTools {

    private TestTools() {
    }

    /** A registry with the {@code @Tool} methods of {@code instances}, invoked through reflection. */
    static ToolRegistry registry(Object... instances) {
        ToolRegistry registry = new ToolRegistry();
        for (Object instance : instances) {
            for (ToolDefinition d : definitions(instance)) {
                registry.add(d);
            }
        }
        return registry;
    }

    static List<ToolDefinition> definitions(Object instance) {
        List<ToolDefinition> out = new ArrayList<>();
        for (Method m : instance.getClass().getDeclaredMethods()) {
            if (m.isAnnotationPresent(Tool.class)) {
                m.setAccessible(true);
                out.add(ToolIntrospector.fromMethod(m, args -> m.invoke(instance, args)));
            }
        }
        return out;
    }

    static Method method(Class<?> type, String name) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Five trivial tools, declared out of order. */
    static final class Alphabet {
        @Tool(name = "delta") public String delta() { return "d"; }
        @Tool(name = "alpha") public String alpha() { return "a"; }
        @Tool(name = "echo") public String echo() { return "e"; }
        @Tool(name = "charlie") public String charlie() { return "c"; }
        @Tool(name = "bravo") public String bravo() { return "b"; }
    }

    enum Color { red, green, blue }

    @Description("A sum")
    record Sum(@Description("The result") int sum, List<Integer> terms) {
    }

    /** One tool with every metadata field, and its argument variety. */
    static final class Greeter {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @Tool(name = "greet", title = "Greeter", description = "Greets someone.",
                annotations = @Tool.Annotations(title = "Greet", readOnlyHint = true, destructiveHint = false,
                        idempotentHint = true, openWorldHint = false))
        public Sum greet(@ToolArg(description = "Who to greet") String name,
                         @ToolArg(description = "How often", defaultValue = "2") int times,
                         Optional<String> punctuation,
                         @ToolArg(required = false) Color color,
                         Progress progress, Cancellation cancellation, RequestInfo info) {
            seen.add(name + "|" + times + "|" + punctuation + "|" + color + "|" + progress.isRequested() + "|"
                    + cancellation.isCancelled() + "|" + info.protocolVersion() + "|" + info.connectionId());
            return new Sum(times, List.of(1, 2));
        }
    }

    /** Tools returning each supported kind of value. */
    static final class Returns {
        static final byte[] BYTES = "hi".getBytes(StandardCharsets.UTF_8); // base64 aGk=

        @Tool public String text() { return "plain"; }
        @Tool public Content image() { return Content.image(BYTES, "image/png"); }
        @Tool public Content audio() { return Content.audio(BYTES, "audio/wav"); }
        @Tool public Content link() {
            return new Content.ResourceLink("file:///a.txt", "a.txt", "A", "The file", "text/plain", 12L);
        }
        @Tool public List<Content> many() {
            return List.of(Content.text("one"), Content.embeddedText("mem://x", "text/plain", "inline"),
                    Content.embeddedBlob("mem://y", null, BYTES));
        }
        @Tool public ToolResult result() {
            return new ToolResult(List.of(Content.text("see structured")), Map.of("k", "v"), true);
        }
        @Tool public Sum sum(int a, int b) { return new Sum(a + b, List.of(a, b)); }
        @Tool public List<String> names() { return List.of("x", "y"); }
        @Tool public int count() { return 42; }
        @Tool public void nothing() { }
        @Tool public CompletionStage<String> later(String text) {
            return CompletableFuture.supplyAsync(() -> "later " + text,
                    CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        }
        @Tool public CompletionStage<Sum> laterSum() {
            return CompletableFuture.supplyAsync(() -> new Sum(3, List.of(1, 2)),
                    CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
        }
    }

    /** A structured result with a number. */
    record Product(double value) {
    }

    /** Tools that fail in each way. */
    static final class Failures {
        static final String SECRET = "connection string with p4ssw0rd";

        @Tool public String business(String why) { throw new ToolException(why); }
        @Tool public String nullMessage() { throw new ToolException(null); }
        @Tool public String boom() { throw new IllegalStateException(SECRET); }
        @Tool public String protocol() { throw new McpException(-32602, "Protocol trouble"); }
        @Tool public CompletionStage<String> laterBusiness() {
            return CompletableFuture.supplyAsync(() -> {
                throw new ToolException("async business failure");
            });
        }
        @Tool public long overflow(long a, long b) { return Math.multiplyExact(a, b); }
        @Tool public Product infiniteNumber(double a, double b) { return new Product(a * b); }
        @Tool public CompletionStage<Product> laterInfinite(double a) {
            return CompletableFuture.completedFuture(new Product(a * 10));
        }
        @Tool public CompletionStage<String> laterBoom() {
            return CompletableFuture.failedFuture(new IllegalArgumentException(SECRET));
        }
    }

    /** Argument shapes for validation tests. */
    static final class Args {
        @Tool public String typed(int count, Color color, List<String> tags, @ToolArg(required = false) Double ratio) {
            return count + " " + color + " " + tags + " " + ratio;
        }
        @Tool public String optional(Optional<Integer> limit, @ToolArg(name = "q", defaultValue = "\"all\"") String query,
                                     @ToolArg(required = false) boolean verbose) {
            return limit + " " + query + " " + verbose;
        }
    }

    /** A tool that reports progress and one that waits for its cancellation. */
    static final class Slow {
        final CountDownLatch started = new CountDownLatch(1);
        final BlockingQueue<String> observed = new LinkedBlockingQueue<>();

        @Tool public String steps(int n, Progress progress) {
            for (int i = 1; i <= n; i++) {
                progress.report(i, (double) n, "step " + i);
            }
            return "did " + n;
        }

        @Tool public String waitForCancel(Cancellation cancellation) {
            started.countDown();
            try {
                Thread.sleep(5_000);
                observed.add("not interrupted");
                return "finished";
            } catch (InterruptedException e) {
                observed.add("interrupted, cancelled=" + cancellation.isCancelled() + ", reason=" + cancellation.reason());
                Thread.currentThread().interrupt();
                cancellation.throwIfCancelled();
                return "unreachable";
            }
        }
    }
}
