#!/usr/bin/env python3
"""Execution samples per million requests, by where they fall, of two flight recordings of DispatchRun's
50-connection point: the bare echo (-Dbench.jfr.path=/raw-echo) and MCP (/mcp) on the same build (BENCHMARKS.md,
issue 13, session 24).

  jfr print --events jdk.ExecutionSample --stack-depth 96 raw.jfr > raw.txt   (the same for mcp.jfr)
  python3 docs/bench/jfr-compare.py raw.txt <raw requests> mcp.txt <mcp requests>

<requests>: the recorded point's req/s times its seconds (DispatchRun prints the point's line after "recorded").
A sample counts in every category whose frame it holds (inclusive), so the rows do not add up."""
import sys


def load(path):
    text = open(path).read()
    return [[line.strip().split("(")[0] for line in s.split("\n") if "line:" in line]
            for s in text.split("jdk.ExecutionSample") if "stackTrace" in s]


def has(frames, *needles):
    return any(any(n in f for n in needles) for f in frames)


def endpoint(frames):
    return any(f.endswith("RawEchoEndpoint.echo") or f.endswith("McpEndpoint.text") for f in frames)


CATEGORIES = [
    ("all", lambda fr: True),
    ("upgrade/http", lambda fr: has(fr, "HttpInboundLink.ready")),
    ("selector", lambda fr: has(fr, "ChannelSelector.run")),
    ("wsoc read cb", lambda fr: has(fr, "WsocReadCallback.complete")),
    ("onMessage app", endpoint),
    ("  parse(parsson read)", lambda fr: has(fr, "parsson.JsonReaderImpl", "JsonRpcCodec.decode")),
    ("  sendText/write", lambda fr: has(fr, "MessageWriter.WriteMessage", "RemoteEndpointBasicImpl.sendText")),
    ("  build/encode", lambda fr: has(fr, "JsonObjectImpl.toString", "JsonRpcCodec.encode", "RawEchoEndpoint.answer")
     and not has(fr, "MessageWriter.WriteMessage")),
    ("  metrics", lambda fr: has(fr, "McpMetrics", "micrometer")),
    ("  weld", lambda fr: has(fr, "org.jboss.weld")),
    ("  dispatcher", lambda fr: has(fr, "Dispatcher.dispatch")),
    ("  tool invoke", lambda fr: has(fr, "ToolsFeature.call")),
    ("wsoc read other", lambda fr: has(fr, "WsocReadCallback.complete") and not endpoint(fr)),
    ("threads other", lambda fr: not has(fr, "WsocReadCallback.complete", "ChannelSelector.run", "HttpInboundLink.ready")),
]

if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    rows = []
    for path, requests in ((sys.argv[1], float(sys.argv[2])), (sys.argv[3], float(sys.argv[4]))):
        samples = load(path)
        rows.append([sum(1 for fr in samples if test(fr)) / requests * 1e6 for _, test in CATEGORIES])
    print(f"{'category':28s} {'raw/1M req':>10s} {'mcp/1M req':>10s} {'diff':>8s}")
    for i, (name, _) in enumerate(CATEGORIES):
        print(f"{name:28s} {rows[0][i]:10.1f} {rows[1][i]:10.1f} {rows[1][i] - rows[0][i]:8.1f}")
