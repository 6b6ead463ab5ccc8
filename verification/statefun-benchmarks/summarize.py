#!/usr/bin/env python3
"""Summarizes a JMH JSON result of RequestReplyBenchmark (written with -rf json -rff FILE).

Prints, per batch size: each contender's throughput with its 99.9% confidence interval, the same per
invocation, the bytes allocated per request and per invocation (with -prof gc), and the throughput
ratios ours/official and ours/baseline. A ratio's range is the conservative one from the two
intervals (lowest over highest, highest over lowest); when it straddles 1.0 the two are not told
apart by this run.

Usage: python3 verification/statefun-benchmarks/summarize.py verification/statefun-benchmarks/target/jmh-result.json
"""
import json
import math
import sys

CONTENDERS = ("ours", "official", "baseline")


def number(value):
    # JMH writes "NaN" as a string when a run has too few iterations for an error estimate.
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def load(path):
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)
    table = {}
    for run in runs:
        name = run["benchmark"].rsplit(".", 1)[-1]
        if name not in CONTENDERS:
            continue
        batch = int(run["params"]["batchSize"])
        primary = run["primaryMetric"]
        low, high = (number(x) for x in primary["scoreConfidence"])
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        table[(batch, name)] = {
            "score": number(primary["score"]),
            "error": number(primary["scoreError"]),
            "low": low,
            "high": high,
            "unit": primary["scoreUnit"],
            "alloc": number(alloc["score"]) if alloc else math.nan,
            "forks": run.get("forks"),
            "iterations": run.get("measurementIterations"),
        }
    return table


def ratio(table, batch, a, b):
    x, y = table.get((batch, a)), table.get((batch, b))
    if not x or not y:
        return f"{a}/{b}: missing"
    value = x["score"] / y["score"]
    if math.isnan(x["low"]) or math.isnan(y["low"]):
        return f"{a}/{b} = {value:.2f}  (no interval: too few iterations)"
    # An interval reaching below zero (a very noisy run) leaves the ratio unbounded on that side.
    low = max(x["low"], 0.0) / y["high"]
    high = x["high"] / y["low"] if y["low"] > 0 else math.inf
    verdict = "not distinguishable" if low <= 1.0 <= high else (
        f"{a} faster" if low > 1.0 else f"{a} slower")
    return f"{a}/{b} = {value:.2f}  (range {low:.2f} .. {high:.2f}: {verdict})"


def main(path):
    table = load(path)
    if not table:
        sys.exit(f"{path}: no RequestReplyBenchmark results")
    for batch in sorted({b for b, _ in table}):
        print(f"batch of {batch} invocation(s) per request")
        print(f"  {'contender':<9} {'requests/s':>14} {'± 99.9%':>12} {'invocations/s':>14}"
              f" {'B/request':>11} {'B/invocation':>13}")
        for name in CONTENDERS:
            row = table.get((batch, name))
            if not row:
                continue
            print(f"  {name:<9} {row['score']:>14,.0f} {row['error']:>12,.0f}"
                  f" {row['score'] * batch:>14,.0f} {row['alloc']:>11,.0f} {row['alloc'] / batch:>13,.1f}")
        print("  " + ratio(table, batch, "ours", "official"))
        print("  " + ratio(table, batch, "ours", "baseline"))
        print()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
