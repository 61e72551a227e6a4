"""The performance targets of the JIT issue (issue 3), checked against one harness run.

Part of Benchmarks/measure.py (see its docstring). Printed as PASS / FAIL / n/a lines; they do
not change the exit status (that reports correctness only).
"""

from bench_report import fmt_ms, fmt_ratio, geomean, print_block

GEOMEAN_LIMIT = 2.0


def _geomean_target(ratios):
    if ratios is None:
        return "n/a", f"geomean JIT/native <= {GEOMEAN_LIMIT}, no speed table"
    value = geomean(ratios["jit"])
    if value is None:
        return "n/a", f"geomean JIT/native <= {GEOMEAN_LIMIT}"
    missing = sum(1 for v in ratios["jit"] if v is None)
    verdict = "FAIL" if missing else ("PASS" if value <= GEOMEAN_LIMIT else "FAIL")
    extra = f", {missing} kernel(s) without a JIT time" if missing else ""
    return verdict, f"geomean JIT/native <= {GEOMEAN_LIMIT}: {fmt_ratio(value)}{extra}"


def _faster_than_qemu_target(ratios, kernels):
    text = "every kernel faster under the JIT than under qemu-riscv64 (JIT/qemu < 1)"
    if ratios is None:
        return "n/a", f"{text}, no speed table"
    if all(v is None for v in ratios["jit/qemu"]):
        return "n/a", text
    values = dict(zip(kernels, ratios["jit/qemu"]))
    slower = [f"{k} {fmt_ratio(v)}" for k, v in values.items() if v is not None and v >= 1]
    missing = [k for k, v in values.items() if v is None]
    if slower:
        return "FAIL", f"{text}: not on {', '.join(slower)}"
    if missing:
        return "n/a", f"{text}: no figure for {', '.join(missing)}"
    return "PASS", f"{text}: worst {fmt_ratio(max(values.values()))}"


def _startup_target(startup):
    text = "start-up (hello world, median) no slower under the JIT than under qemu-riscv64"
    if startup is None:
        return "n/a", f"{text}, not measured"
    jit, qemu = startup["jit"].median_wall(), startup["qemu"].median_wall()
    if jit is None or qemu is None:
        return ("FAIL" if startup["jit"].state in ("FAIL", "MISMATCH") else "n/a"), text
    verdict = "PASS" if jit <= qemu else "FAIL"
    return verdict, f"{text}: {fmt_ms(jit)} ms vs {fmt_ms(qemu)} ms"


def _rss_target(results, startup):
    text = "peak RSS no larger under the JIT than under qemu-riscv64 on every program"
    programs = dict(results)
    if startup is not None:
        programs["hello"] = startup
    values = {name: (s["jit"].peak_rss_kib(), s["qemu"].peak_rss_kib())
              for name, s in programs.items()}
    if not values or all(j is None or q is None for j, q in values.values()):
        return "n/a", text
    worse = [f"{n} {j / 1024:.1f}/{q / 1024:.1f} MiB" for n, (j, q) in values.items()
             if j is not None and q is not None and j > q]
    missing = [n for n, (j, q) in values.items() if j is None or q is None]
    if worse:
        return "FAIL", f"{text}: larger on {', '.join(worse)}"
    if missing:
        return "n/a", f"{text}: no figure for {', '.join(missing)}"
    return "PASS", text


def print_targets(ratios, results, startup, backend_note, markdown):
    """Prints one PASS/FAIL/n/a line per target of issue 3, then backend_note (what the JIT
    column really measured) when there is one."""
    print()
    lines = ["targets (issue 3, on this machine, from this run):"]
    programs = dict(results, **({"hello": startup} if startup is not None else {}))
    failed = [n for n, s in programs.items() if s["jit"].state in ("FAIL", "MISMATCH")]
    for verdict, text in (_geomean_target(ratios),
                          _faster_than_qemu_target(ratios, list(results)),
                          _startup_target(startup),
                          _rss_target(results, startup)):
        if failed and verdict == "n/a" and not text.endswith(("no speed table", "not measured")):
            verdict, text = "FAIL", f"{text} (the JIT runs failed on {', '.join(failed)})"
        lines.append(f"  {verdict:<4}  {text}")
    if backend_note:
        lines.append(backend_note)
    print_block(lines, markdown)
