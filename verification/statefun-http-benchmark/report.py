#!/usr/bin/env python3
"""Summarises a run of run.sh: report.py RESULTS_DIR (README.md, "Reading the results").

Reads results.csv (one row per measured run) and conditions.txt; writes summary.csv (per contender and
configuration: medians over the rounds, their range, ratios to the anchor), results.md (the run's
conditions and a Markdown table, and the overload tables when overload-slow.csv or overload-large.csv are
there) and plot.png (through gnuplot).
"""
import csv
import os
import statistics
import subprocess
import sys

ORDER = ["anchor", "embedded", "embedded_off", "embedded_traced", "wildfly", "payara", "liberty"]
LABELS = {
    "anchor": "official SDK on Undertow (anchor)",
    "embedded": "embedded server",
    "embedded_off": "embedded server, /metrics off",
    "embedded_traced": "embedded server, metrics and spans (OTLP)",
    "wildfly": "WAR on WildFly",
    "payara": "WAR on Payara Micro",
    "liberty": "WAR on Open Liberty",
}


def main(out):
    with open(os.path.join(out, "results.csv")) as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit("report.py: results.csv has no measured run")
    groups = {}
    for row in rows:
        key = (int(row["connections"]), int(row["batch"]), row["contender"])
        groups.setdefault(key, []).append(row)

    def med(runs, field):
        return statistics.median(float(r[field]) for r in runs)

    summary = []
    for (conns, batch, contender), runs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], ORDER.index(kv[0][2]))):
        rps = [float(r["requests_per_s"]) for r in runs]
        summary.append({
            "connections": conns, "batch": batch, "contender": contender, "rounds": len(runs),
            "requests_per_s": med(runs, "requests_per_s"), "rps_min": min(rps), "rps_max": max(rps),
            "p50_ms": med(runs, "p50_ms"), "p99_ms": med(runs, "p99_ms"),
            "errors": sum(int(r["errors"]) for r in runs),
            # Older results.csv files have no non200 column.
            "non200": sum(int(r.get("non200") or 0) for r in runs),
            "cpu_us_per_request": med(runs, "cpu_us_per_request"),
            "peak_rss_mb": max(float(r["peak_rss_mb"]) for r in runs),
            "startup_s": float(runs[0]["startup_s"]),
        })
    anchors = {(s["connections"], s["batch"]): s for s in summary if s["contender"] == "anchor"}
    for s in summary:
        a = anchors.get((s["connections"], s["batch"]))
        s["rps_vs_anchor"] = s["requests_per_s"] / a["requests_per_s"] if a else None
        s["p50_vs_anchor"] = s["p50_ms"] / a["p50_ms"] if a and a["p50_ms"] else None
        s["p99_vs_anchor"] = s["p99_ms"] / a["p99_ms"] if a and a["p99_ms"] else None
        s["cpu_vs_anchor"] = s["cpu_us_per_request"] / a["cpu_us_per_request"] if a and a["cpu_us_per_request"] else None

    fields = list(summary[0].keys())
    with open(os.path.join(out, "summary.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        for s in summary:
            writer.writerow({k: (f"{v:.3f}" if isinstance(v, float) else ("" if v is None else v)) for k, v in s.items()})

    def ratio(x):
        return f"{x:.2f}x" if x is not None else "-"

    conditions = open(os.path.join(out, "conditions.txt")).read().strip().splitlines()
    md = ["## HTTP benchmark: results", "", "Conditions:", ""] + [f"- {line}" for line in conditions] + [""]
    md += ["Medians over the rounds (requests/s: min-max in brackets); ratios are to the anchor in the same "
           "configuration of this run. Errors: answers other than 200 plus socket errors and timeouts (2 s), all "
           "rounds; non-200 answers alone in brackets. CPU: the server JVM's user+system time per request. RSS: peak resident set (VmHWM) "
           "since start. Start: launch to the first 200 answer.", ""]
    md += ["| connections | batch | contender | requests/s | vs anchor | p50 ms | vs anchor | p99 ms | vs anchor "
           "| errors | CPU µs/req | vs anchor | peak RSS MB | start s |",
           "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in summary:
        md.append(
            f"| {s['connections']} | {s['batch']} | {LABELS[s['contender']]} | {s['requests_per_s']:,.0f} "
            f"({s['rps_min']:,.0f}-{s['rps_max']:,.0f}) | {ratio(s['rps_vs_anchor'])} | {s['p50_ms']:.2f} | "
            f"{ratio(s['p50_vs_anchor'])} | {s['p99_ms']:.2f} | {ratio(s['p99_vs_anchor'])} | {s['errors']} ({s['non200']}) | "
            f"{s['cpu_us_per_request']:.0f} | {ratio(s['cpu_vs_anchor'])} | {s['peak_rss_mb']:.0f} | {s['startup_s']:.1f} |")
    md.append("")
    md += overload_tables(out)
    profiles = sorted(f for f in os.listdir(out) if f.startswith("profile-") and f.endswith(".md"))
    if profiles:
        md += ["## Profiles (JFR)", ""]
        for p in profiles:
            md += [open(os.path.join(out, p)).read(), ""]
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(md))
    print("\n".join(md[: md.index("## Profiles (JFR)") if profiles else len(md)]))
    plot(out, summary)


def read_csv(out, name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f))


def by_order(rows):
    return sorted(rows, key=lambda r: ORDER.index(r["contender"]))


def overload_tables(out):
    """The overload cases (README.md, "Overload"): one table each, when run.sh ran them."""
    slow, large = read_csv(out, "overload-slow.csv"), read_csv(out, "overload-large.csv")
    if not slow and not large:
        return []
    md = ["## Overload", ""]
    if slow:
        r0 = slow[0]
        md += [f"### Slow clients beside the load ({r0['tricklers']} slow clients, 64 connections at batch 1)", "",
               f"Each contender once: wrk at 64 connections, batch 1, for {float(r0['seconds']):.0f} s alone, then again "
               f"beside {r0['tricklers']} more connections that each sent a valid POST's headers (Content-Length "
               f"65536) and then trickled its body at {r0['trickle_bytes_per_s']} byte(s)/s, unfinished for the whole "
               "run. **requests/s**, **p99 ms**: wrk's, alone / beside the slow clients. **p99 ratio**: beside / alone. "
               "**errors**: wrk's non-200 answers plus socket errors and timeouts (2 s), alone / beside. **slow clients "
               "cut**: slow connections the server answered or closed during the run (each replaced at once, so "
               "all stayed open), with why (a status, `closed`, `reset`). **target**: p99 ratio at most 2 and no "
               "error beside the slow clients.", "",
               "| contender | requests/s alone | beside | p99 ms alone | beside | p99 ratio | errors alone | beside "
               "| slow clients cut | target |",
               "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
        for r in by_order(slow):
            ratio = f"{float(r['p99_ratio']):.2f}x" if r["p99_ratio"] else "-"
            met = bool(r["p99_ratio"]) and float(r["p99_ratio"]) <= 2 and int(r["errors_with"]) == 0
            cut = r["tricklers_cut"] + (f" ({r['tricklers_cut_detail'].replace(';', ', ')})"
                                        if int(r["tricklers_cut"]) else "")
            md.append(
                f"| {LABELS[r['contender']]} | {float(r['rps_without']):,.0f} | {float(r['rps_with']):,.0f} | "
                f"{float(r['p99_without_ms']):.2f} | {float(r['p99_with_ms']):.2f} | {ratio} | {r['errors_without']} | "
                f"{r['errors_with']} | {cut} | {'met' if met else 'missed'} |")
        md.append("")
    if large:
        r0 = large[0]
        mib = int(r0["body_bytes"]) / 1048576
        md += [f"### Concurrent large bodies under the fixed heap ({r0['requests']} x {mib:.0f} MiB at once)", "",
               f"Each contender once: {r0['requests']} connections POST at the same moment a valid ToFunction of "
               f"{int(r0['body_bytes']):,} bytes (the benchmark's batch-1 request padded to ~{mib:.0f} MiB with an "
               "unknown field, which every reader skips, so a 200 answer is batch 1's small reply), reading the answer while they send; right after, one batch-1 request. **200 ... 503, other**: "
               "complete answers by status (other: which in brackets). **connection errors**: requests without a "
               "complete answer (refused, reset, closed, timed out), with why. **HTML**: answers whose Content-Type "
               "or first bytes are HTML. **OOM in log**: lines naming OutOfMemoryError in the contender's console "
               "and server logs since it started. **next**: the status of the batch-1 request after (000: none "
               "within 10 s). **alive**: the JVM still running after. **seconds**: until the last large POST ended. "
               "**peak RSS**: VmHWM after. **target** (set for the embedded server; the others shown against it): "
               "no OutOfMemoryError, every request answered 200, 400, 413 or 503, no HTML, the next request 200.", "",
               "| contender | 200 | 400 | 413 | 503 | other | connection errors | HTML | OOM in log | next | alive "
               "| seconds | peak RSS MB | target |",
               "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"]
        for r in by_order(large):
            other = r["other"] + (f" ({r['other_detail'].replace(';', ', ')})" if int(r["other"]) else "")
            errors = r["connection_errors"] + (f" ({r['connection_error_detail'].replace(';', ', ')})"
                                               if int(r["connection_errors"]) else "")
            met = (int(r["oom_lines"]) == 0 and int(r["other"]) == 0 and int(r["connection_errors"]) == 0
                   and int(r["html"]) == 0 and r["next_status"] == "200")
            oom = f"yes ({r['oom_lines']} lines)" if int(r["oom_lines"]) else "no"
            md.append(
                f"| {LABELS[r['contender']]} | {r['s200']} | {r['s400']} | {r['s413']} | {r['s503']} | {other} | "
                f"{errors} | {r['html']} | {oom} | {r['next_status']} | {r['alive_after']} | "
                f"{float(r['seconds']):.1f} | {r['peak_rss_mb'] or '-'} | {'met' if met else 'missed'} |")
        md.append("")
    return md


def plot(out, summary):
    contenders = [c for c in ORDER if any(s["contender"] == c for s in summary)]
    configs = sorted({(s["connections"], s["batch"]) for s in summary})
    by_key = {(s["connections"], s["batch"], s["contender"]): s for s in summary}
    with open(os.path.join(out, "plot.dat"), "w") as f:
        f.write("# config " + " ".join(f"{c}_rps {c}_p99" for c in contenders) + "\n")
        for conns, batch in configs:
            cells = []
            for c in contenders:
                s = by_key.get((conns, batch, c))
                cells += [f"{s['rps_vs_anchor']:.4f}" if s and s["rps_vs_anchor"] is not None else "NaN",
                          f"{s['p99_vs_anchor']:.4f}" if s and s["p99_vs_anchor"] is not None else "NaN"]
            f.write(f'"c{conns} b{batch}" ' + " ".join(cells) + "\n")
    title = next((line for line in open(os.path.join(out, "conditions.txt")) if line.startswith("date:")), "").strip()
    load = next((line for line in open(os.path.join(out, "conditions.txt")) if line.startswith("load average before")), "").strip()
    columns_rps = ", ".join(
        f"'plot.dat' using {2 + 2 * i}:xtic(1) title '{LABELS[c]}'" for i, c in enumerate(contenders))
    columns_p99 = ", ".join(
        f"'plot.dat' using {3 + 2 * i}:xtic(1) title '{LABELS[c]}'" for i, c in enumerate(contenders))
    script = f"""
set terminal pngcairo size 1400,600 font 'sans,10'
set output 'plot.png'
set multiplot layout 1,2 title "StateFun HTTP benchmark ({title}; {load}); c = connections, b = invocations per request"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set key below font 'sans,9'
set grid ytics
set xlabel 'configuration'
set ylabel 'requests/s relative to the anchor (higher is better)'
set yrange [0:*]
set offsets 0, 0, graph 0.05, 0
plot {columns_rps}
set ylabel 'p99 latency relative to the anchor (lower is better)'
plot {columns_p99}
unset multiplot
"""
    with open(os.path.join(out, "plot.gp"), "w") as f:
        f.write(script)
    try:
        subprocess.run(["gnuplot", "plot.gp"], cwd=out, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"report.py: no plot ({e}); install gnuplot-nox", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
