#!/usr/bin/env python3
"""Turns the JMH JSON results written by measure.sh into the Markdown tables of docs/performance.md.

Usage: python3 benchmarks/scripts/table.py [results-dir]   (default: benchmarks/target/results)

Overheads are a row's score minus the no-op interceptor's (same implementation, same thread count); their error is
the two 99.9 % half-widths added in quadrature. A target is "met" when the point estimate meets it; allocation
counts as 0 B below 1 B/op (-prof gc reports fractions of a byte from the harness itself).
"""
import json
import math
import os
import sys

results = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/results"

SYNC = ["plainBean", "baseline", "noopInterceptor", "retry", "circuitBreaker", "bulkhead", "fallback", "timeout", "allFive"]
SYNC_TARGETS = {  # overhead above the no-op interceptor: ns, bytes
    "retry": (50, 0), "circuitBreaker": (50, 0), "bulkhead": (50, 0), "fallback": (50, 0),
    "timeout": (150, 64), "allFive": (300, 128),
}


# Student's t at 99.9 % (two-sided), by degrees of freedom: JMH's confidence interval.
T999 = {1: 636.62, 2: 31.599, 3: 12.924, 4: 8.610, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041, 9: 4.781, 10: 4.587,
        11: 4.437, 12: 4.318, 13: 4.221, 14: 4.140, 15: 4.073, 16: 4.015, 17: 3.965, 18: 3.922, 19: 3.883,
        20: 3.850, 21: 3.819, 22: 3.792, 23: 3.768, 24: 3.745, 25: 3.725, 26: 3.707, 27: 3.690, 28: 3.674,
        29: 3.659, 30: 3.646}


def stats(samples):
    """Mean and the half-width of its 99.9 % confidence interval, as JMH computes them."""
    n = len(samples)
    mean = sum(samples) / n
    if n < 2:
        return mean, float("nan")
    sd = math.sqrt(sum((x - mean) ** 2 for x in samples) / (n - 1))
    return mean, T999.get(n - 1, 3.29) * sd / math.sqrt(n)


def load(name):
    """Every run of one name (NAME.json, then NAME.run2.json, ...): their iterations pooled."""
    files = sorted(f for f in os.listdir(results) if f == name + ".json"
                   or (f.startswith(name + ".run") and f.endswith(".json")))
    pooled = {}
    for file in files:
        try:
            entries = json.load(open(os.path.join(results, file)))
        except ValueError:  # a run still going, or one that failed
            continue
        for entry in entries:
            method = entry["benchmark"].rsplit(".", 1)[1]
            row = pooled.setdefault(method, {"ns": [], "b": [], "runs": 0})
            row["runs"] += 1
            row["ns"] += [x for fork in entry["primaryMetric"]["rawData"] for x in fork]
            norm = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            if norm:
                row["b"] += [x for fork in norm["rawData"] for x in fork]
    rows = {}
    for method, row in pooled.items():
        ns_mean, ns_err = stats(row["ns"])
        b_mean, b_err = stats(row["b"]) if row["b"] else (float("nan"), float("nan"))
        rows[method] = {"ns": ns_mean, "ns_err": nan0(ns_err), "b": b_mean, "b_err": nan0(b_err),
                        "n": len(row["ns"]), "runs": row["runs"], "ns_min": min(row["ns"])}
    return rows


def nan0(value):
    return 0.0 if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def ns(value, err=None):
    text = f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"
    if err is None:
        return text
    return text + " ± " + (f"{err:,.1f}" if err < 100 else f"{err:,.0f}")


def b(value, err=None):
    if math.isnan(value):
        return "n/a"
    text = f"{value:,.0f}"
    return text if err is None else f"{text} ± {err:,.0f}"


def overhead(rows, method):
    row, floor = rows.get(method), rows.get("noopInterceptor")
    if not row or not floor:
        return None
    return (row["ns"] - floor["ns"], math.hypot(row["ns_err"], floor["ns_err"]),
            row["b"] - floor["b"], math.hypot(row["b_err"], floor["b_err"]))


def sync_table(threads):
    bw, sr = load(f"breakwater-sync-t{threads}"), load(f"smallrye-sync-t{threads}")
    if not bw and not sr:
        return
    print(f"\n#### Synchronous success path, {threads} thread{'s' if threads > 1 else ''}\n")
    print("| benchmark | Breakwater ns/op | B/op | above no-op: ns | B | SmallRye ns/op | B/op | above no-op: ns | B "
          "| SmallRye overhead / Breakwater's | target (above no-op) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for method in SYNC:
        cells = [f"`{method}`"]
        for rows in (bw, sr):
            row = rows.get(method)
            cells += [ns(row["ns"], row["ns_err"]), b(row["b"], row["b_err"])] if row else ["-", "-"]
            over = overhead(rows, method) if method not in ("plainBean", "baseline", "noopInterceptor") else None
            cells += [ns(over[0], over[1]), b(over[2], over[3])] if over else ["", ""]
        bo, so = overhead(bw, method), overhead(sr, method)
        ratio = ""
        if method in SYNC_TARGETS and bo and so:
            ratio = f"{so[0] / bo[0]:,.1f}x" if bo[0] > 0 else "Breakwater at or below the floor"
            ratio += " (needs >= 5x)"
        verdict = ""
        if method in SYNC_TARGETS and bo:
            limit_ns, limit_b = SYNC_TARGETS[method]
            ok = bo[0] <= limit_ns and bo[2] < limit_b + 1
            verdict = f"<= {limit_ns} ns, {limit_b} B: **{'met' if ok else 'missed'}**"
        print("| " + " | ".join(cells + [ratio, verdict]) + " |")


def fastest_table(threads):
    """Each row's fastest iteration: not a JMH statistic, but the least disturbed by other processes."""
    bw, sr = load(f"breakwater-sync-t{threads}"), load(f"smallrye-sync-t{threads}")
    if not bw or not sr or "noopInterceptor" not in bw or "noopInterceptor" not in sr:
        return
    print(f"\nFastest iteration of each row (ns/op), {threads} thread{'s' if threads > 1 else ''}: "
          f"{bw['noopInterceptor']['n']} iterations a row for Breakwater, {sr['noopInterceptor']['n']} for SmallRye\n")
    print("| benchmark | Breakwater | above no-op | SmallRye | above no-op |")
    print("|---|---:|---:|---:|---:|")
    for method in SYNC:
        cells = [f"`{method}`"]
        for rows in (bw, sr):
            row = rows.get(method)
            above = "" if method in ("plainBean", "baseline", "noopInterceptor") or not row \
                else ns(row["ns_min"] - rows["noopInterceptor"]["ns_min"])
            cells += [ns(row["ns_min"]) if row else "-", above]
        print("| " + " | ".join(cells) + " |")


def other_table(threads):
    bo, so = load(f"breakwater-open-t{threads}"), load(f"smallrye-open-t{threads}")
    ba, sa = load(f"breakwater-async-t{threads}"), load(f"smallrye-async-t{threads}")
    if not (bo or so or ba or sa):
        return
    print(f"\n#### Open breaker and asynchronous round trip, {threads} thread{'s' if threads > 1 else ''}\n")
    print("| benchmark | Breakwater ns/op | B/op | SmallRye ns/op | B/op | target |")
    print("|---|---:|---:|---:|---:|---|")
    rows = [("OpenCircuitBreakerBenchmark.rejected", bo.get("rejected"), so.get("rejected")),
            ("OpenCircuitBreakerBenchmark.interceptorThrows (floor: class-based interceptor)",
             bo.get("interceptorThrows"), so.get("interceptorThrows")),
            ("OpenCircuitBreakerBenchmark.interceptorBeanThrows (floor: interceptor bean, no reflection)",
             bo.get("interceptorBeanThrows"), so.get("interceptorBeanThrows")),
            ("AsyncBenchmark.completionStageRoundTrip", ba.get("completionStageRoundTrip"),
             sa.get("completionStageRoundTrip")),
            ("AsyncBenchmark.plainExecutorRoundTrip (floor, no CDI)", ba.get("plainExecutorRoundTrip"),
             sa.get("plainExecutorRoundTrip"))]
    for name, bwr, srr in rows:
        cells = [f"`{name}`"]
        for row in (bwr, srr):
            cells += [ns(row["ns"], row["ns_err"]), b(row["b"], row["b_err"])] if row else ["-", "-"]
        verdict = ""
        if name.endswith("rejected") and bwr:
            verdict = f"< 400 ns: **{'met' if bwr['ns'] < 400 else 'missed'}**"
        elif name.endswith("completionStageRoundTrip") and bwr and srr:
            verdict = (f"<= half of SmallRye's ({bwr['ns'] / srr['ns']:.2f} of it): "
                       f"**{'met' if bwr['ns'] <= srr['ns'] / 2 else 'missed'}**")
        print("| " + " | ".join(cells + [verdict]) + " |")


def core_table(threads):
    """core.TypedApiBenchmark: each policy through Breakwater's typed API, Resilience4j and Failsafe."""
    rows = load(f"core-t{threads}")
    if not rows:
        return
    print(f"\n#### The typed API next to Resilience4j and Failsafe, {threads} thread{'s' if threads > 1 else ''}\n")
    print("| policy | Breakwater ns/op | B/op | Resilience4j ns/op | B/op | Failsafe ns/op | B/op "
          "| target: ahead of both, 0 B |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    direct = rows.get("direct")
    if direct:
        print(f"| plain call (no policy) | {ns(direct['ns'], direct['ns_err'])} | {b(direct['b'], direct['b_err'])} "
              "| | | | | |")
    for policy in ("CircuitBreaker", "Retry", "Bulkhead", "RateLimiter", "Composition"):
        bw = rows.get("breakwater" + policy)
        others = [rows.get("resilience4j" + policy), rows.get("failsafe" + policy)]
        if not bw:
            continue
        cells = [policy[0].lower() + policy[1:], ns(bw["ns"], bw["ns_err"]), b(bw["b"], bw["b_err"])]
        for row in others:
            cells += [ns(row["ns"], row["ns_err"]), b(row["b"], row["b_err"])] if row else ["-", "-"]
        present = [row for row in others if row]
        if any(bw["ns"] > row["ns"] for row in present):
            overlaps = all(bw["ns"] - bw["ns_err"] <= row["ns"] + row["ns_err"] for row in present
                           if bw["ns"] > row["ns"])
            verdict = "within error" if overlaps else "missed"
        elif all(bw["ns"] + bw["ns_err"] < row["ns"] - row["ns_err"] for row in present):
            verdict = "met"
        else:
            verdict = "ahead, error bars overlap"
        if bw["b"] >= 1:
            verdict = "missed (allocates)"
        cells.append(f"**{verdict}**")
        print("| " + " | ".join(cells) + " |")
    timed = rows.get("breakwaterRetryWithMaxDuration")
    if timed:
        print(f"| retry with `maxDuration` 3 min (the spec's default) | {ns(timed['ns'], timed['ns_err'])} "
              f"| {b(timed['b'], timed['b_err'])} | | | | | |")


for t in (1, 2):
    sync_table(t)
    fastest_table(t)
    other_table(t)
    core_table(t)
