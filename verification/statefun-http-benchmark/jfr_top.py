#!/usr/bin/env python3
"""Where the time goes per request, from a JFR recording (README.md, "Profiling").

Reads `jfr print --events jdk.ExecutionSample --stack-depth 256 FILE` on stdin and prints Markdown:
the top self frames, time by component (the library whose code runs, and the library that called into
the JDK), the share of samples inside each component, and the busiest threads. With --requests and
--cpu-seconds (the JVM's CPU time during the recording) each share is also turned into microseconds of
CPU per request.
"""
import argparse
import collections
import re
import sys

# (component, package prefixes), first match wins: more specific prefixes first.
COMPONENTS = [
    ("our embedded container", ("dev.statefun.jakarta.jaxrs.embedded.", "dev.statefun.jakarta.embedded.")),
    ("our JAX-RS endpoint", ("dev.statefun.jakarta.jaxrs.",)),
    ("our CDI registry", ("dev.statefun.jakarta.cdi.",)),
    ("the greeter", ("dev.statefun.jakarta.benchmarks.",)),
    ("our handler and codec", ("dev.statefun.jakarta.",)),
    ("official SDK", ("org.apache.flink.statefun.",)),
    ("protobuf-java", ("com.google.protobuf.",)),
    ("Jersey", ("org.glassfish.jersey.",)),
    ("HK2", ("org.glassfish.hk2.", "org.jvnet.hk2.")),
    ("Grizzly", ("org.glassfish.grizzly.",)),
    ("Payara / GlassFish", ("fish.payara.", "com.sun.enterprise.", "org.glassfish.", "com.hazelcast.")),
    ("RESTEasy", ("org.jboss.resteasy.",)),
    ("Weld (CDI)", ("org.jboss.weld.",)),
    ("Undertow", ("io.undertow.",)),
    ("XNIO", ("org.xnio.",)),
    ("WildFly / JBoss", ("org.wildfly.", "org.jboss.", "org.jboss.as.")),
    ("Apache CXF (Liberty's JAX-RS)", ("org.apache.cxf.",)),
    ("Open Liberty", ("com.ibm.", "io.openliberty.", "org.eclipse.")),
    ("JDK HTTP server", ("sun.net.httpserver.",)),
    ("JDK sockets and NIO", ("sun.nio.", "java.nio.", "sun.net.", "java.net.")),
    ("JDK concurrency", ("java.util.concurrent.", "jdk.internal.misc.Unsafe.", "java.lang.Thread.")),
    ("JDK reflection and method handles", ("java.lang.invoke.", "jdk.internal.reflect.", "java.lang.reflect.")),
    ("JDK logging", ("java.util.logging.", "sun.util.logging.")),
    ("JDK collections, strings, lang", ("java.util.", "java.lang.", "java.io.")),
    ("JDK other", ("jdk.", "sun.", "javax.", "com.sun.", "java.")),
]
JDK_PREFIXES = ("java.", "javax.", "jdk.", "sun.", "com.sun.")


def component(frame):
    for name, prefixes in COMPONENTS:
        if frame.startswith(prefixes):
            return name
    return "other (" + ".".join(frame.split(".")[:2]) + ")"


def is_jdk(frame):
    return frame.startswith(JDK_PREFIXES) and not frame.startswith("sun.net.httpserver.")


def parse(lines):
    """Yields (thread, frames top first) per jdk.ExecutionSample event."""
    thread, frames, in_stack = None, None, False
    for line in lines:
        text = line.strip()
        if text.startswith("jdk.ExecutionSample"):
            thread, frames, in_stack = "?", [], False
        elif frames is None:
            continue
        elif text.startswith("sampledThread ="):
            match = re.match(r'sampledThread = "(.*)" \(', text)
            thread = match.group(1) if match else text
        elif text.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and text == "]":
            in_stack = False
        elif in_stack and text and text != "...":
            frames.append(re.sub(r"\(.*", "", text))  # drop parameter types and line numbers
        elif text == "}" and not in_stack:
            yield thread, frames
            frames = None


def table(title, header, rows):
    out = [f"**{title}**", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--title", default="profile")
    parser.add_argument("--requests", type=int, default=0)
    parser.add_argument("--cpu-seconds", type=float, default=0.0)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()

    samples = list(parse(sys.stdin))
    total = len(samples)
    if total == 0:
        sys.exit("jfr_top.py: no jdk.ExecutionSample events in the input")
    per_request_us = args.cpu_seconds * 1e6 / args.requests if args.requests else 0.0

    def share(n):
        return f"{100.0 * n / total:.1f}%"

    def us(n):
        return f"{per_request_us * n / total:.1f}" if per_request_us else "-"

    self_frames = collections.Counter(frames[0] for _, frames in samples if frames)
    self_components = collections.Counter(component(frames[0]) for _, frames in samples if frames)
    callers = collections.Counter()
    inclusive = collections.Counter()
    threads = collections.Counter()
    for thread, frames in samples:
        caller = next((f for f in frames if not is_jdk(f)), frames[-1] if frames else "?")
        callers[component(caller)] += 1
        for name in {component(f) for f in frames}:
            inclusive[name] += 1
        threads[re.sub(r"\d+", "#", thread)] += 1

    print(f"### {args.title}\n")
    cpu = (f"; the JVM used {args.cpu_seconds:.1f} s of CPU for {args.requests} requests, "
           f"{per_request_us:.1f} µs per request") if per_request_us else ""
    print(f"{total} execution samples{cpu}. A share is of the samples (threads running Java code); "
          "µs/request is that share of the JVM's CPU time per request (a rough split: JFR does not "
          "sample native code or the JVM's own threads, e.g. GC and JIT).\n")
    print(table("Top self frames (the method running)", ["share", "µs/request", "frame"],
                [(share(n), us(n), f"`{frame}`") for frame, n in self_frames.most_common(args.top)]))
    print(table("Self time by component (whose code runs)", ["component", "share", "µs/request"],
                [(name, share(n), us(n)) for name, n in self_components.most_common()]))
    print(table("By caller (JDK frames charged to the library that called into the JDK)",
                ["component", "share", "µs/request"],
                [(name, share(n), us(n)) for name, n in callers.most_common()]))
    print(table("Inclusive (samples with a frame of the component anywhere on the stack)",
                ["component", "share"],
                [(name, share(n)) for name, n in inclusive.most_common() if n * 100 >= total]))
    print(table("Threads", ["thread (digits as #)", "share"],
                [(f"`{name}`", share(n)) for name, n in threads.most_common(8)]))


if __name__ == "__main__":
    main()
