package dev.mcpws.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a flight recording of the benchmark says, in a few lines: where the sampled CPU goes (top frames by package and
 * by method, and the share of samples with our code {@code dev.mcpws} anywhere on the stack), the CPU by thread group
 * (jdk.ThreadCPULoad, user and system), and the GC pauses.
 *
 * <pre>
 * java -cp … dev.mcpws.bench.JfrSummary target/bench/load-mcp-50.jfr
 * </pre>
 */
public final class JfrSummary {

    public static void main(String[] args) throws Exception {
        for (String file : args) {
            summarize(Path.of(file));
        }
    }

    static void summarize(Path file) throws Exception {
        Map<String, Integer> byPackage = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        Map<String, double[]> threadCpu = new HashMap<>();
        List<Double> pauses = new ArrayList<>();
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocByFrame = new HashMap<>();
        long allocated = 0;
        int samples = 0;
        int withOurs = 0;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null || st.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    String top = name(st.getFrames().get(0));
                    byMethod.merge(top, 1, Integer::sum);
                    byPackage.merge(group(top), 1, Integer::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : st.getFrames()) {
                        String n = name(f);
                        if (n.startsWith("dev.mcpws.") && seen.add(n)) {
                            ours.merge(n, 1, Integer::sum);
                        }
                    }
                    if (!seen.isEmpty()) {
                        withOurs++;
                    }
                } else if (type.equals("jdk.ThreadCPULoad")) {
                    String thread = e.getThread("eventThread") == null ? "?" : e.getThread("eventThread").getJavaName();
                    thread = thread == null ? "?" : thread.replaceAll("\\d+", "N");
                    double[] v = threadCpu.computeIfAbsent(thread, k -> new double[2]);
                    v[0] += e.getFloat("user");
                    v[1] += e.getFloat("system");
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    long weight = e.getLong("weight");
                    allocated += weight;
                    allocByClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                    RecordedStackTrace st = e.getStackTrace();
                    if (st != null && !st.getFrames().isEmpty()) {
                        allocByFrame.merge(allocationSite(st), weight, Long::sum);
                    }
                } else if (type.equals("jdk.GarbageCollection")) {
                    Duration d = e.getDuration("sumOfPauses");
                    pauses.add(d.toNanos() / 1e6);
                }
            }
        }
        System.out.println("== " + file);
        System.out.printf(Locale.ROOT, "execution samples: %d; with dev.mcpws on the stack: %d (%.0f %%)%n", samples, withOurs,
                samples == 0 ? 0.0 : 100.0 * withOurs / samples);
        print("top frame by package", byPackage, samples, 12);
        print("top frame by method", byMethod, samples, 15);
        print("dev.mcpws methods on the stack (inclusive)", ours, samples, 12);
        System.out.println("thread CPU (sum of jdk.ThreadCPULoad samples, user / system, by thread group):");
        threadCpu.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1],
                        a.getValue()[0] + a.getValue()[1])).limit(8)
                .forEach(t -> System.out.printf(Locale.ROOT, "  %-50s %6.2f / %6.2f%n", t.getKey(), t.getValue()[0],
                        t.getValue()[1]));
        System.out.printf(Locale.ROOT, "allocation (jdk.ObjectAllocationSample weights): %.1f MB in the recording%n",
                allocated / 1e6);
        printBytes("allocated, by class", allocByClass, allocated, 12);
        printBytes("allocated, by the first frame outside java.* / jdk.* (the caller that asked for it)", allocByFrame,
                allocated, 15);
        double sum = pauses.stream().mapToDouble(Double::doubleValue).sum();
        double max = pauses.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf(Locale.ROOT, "GC: %d collections, pauses total %.1f ms, longest %.1f ms, each: %s%n", pauses.size(),
                sum, max, pauses.stream().map(p -> String.format(Locale.ROOT, "%.1f", p)).toList());
    }

    private static void print(String title, Map<String, Integer> counts, int total, int limit) {
        System.out.println(title + ":");
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(limit)
                .forEach(c -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * c.getValue() / Math.max(1, total),
                        c.getKey()));
    }

    private static void printBytes(String title, Map<String, Long> bytes, long total, int limit) {
        System.out.println(title + ":");
        bytes.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
                .forEach(c -> System.out.printf(Locale.ROOT, "  %5.1f %%  %8.1f MB  %s%n",
                        100.0 * c.getValue() / Math.max(1, total), c.getValue() / 1e6, c.getKey()));
    }

    /** The first frame of an allocation's stack that is not the JDK's own (java.*, jdk.*, sun.*). */
    private static String allocationSite(RecordedStackTrace st) {
        for (RecordedFrame f : st.getFrames()) {
            String n = name(f);
            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
                return n;
            }
        }
        return name(st.getFrames().get(0));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The frame's library: com.ibm.ws.&lt;component&gt;, org.eclipse.parsson, java.util.concurrent, dev.mcpws, ... */
    private static String group(String method) {
        String[] p = method.split("\\.");
        if (method.startsWith("dev.mcpws.")) {
            return "dev.mcpws (this project)";
        }
        if (method.startsWith("com.ibm.ws.") && p.length > 3) {
            return "com.ibm.ws." + p[3] + " (Liberty)";
        }
        return String.join(".", java.util.Arrays.copyOf(p, Math.min(3, p.length - 2 > 0 ? 3 : p.length)));
    }
}
