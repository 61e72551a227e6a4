"""The extra measurements of the benchmark harness: start-up, translation cost, peak RSS.

Part of Benchmarks/measure.py (see its docstring). Each section prints its method first.
"""

import statistics

from bench_process import RUNNERS, measure_program
from bench_report import fmt_mib, fmt_ms, fmt_ratio, geomean, print_block, print_table, ratio

STARTUP_WARMUP = 3
RUNNER_LABELS = {"native": "native", "jit": "swift-qemu (JIT)", "interp": "swift-qemu -interp",
                 "qemu": "qemu-riscv64"}


def measure_startup(runner, hello_native, hello_guest, prefixes, runs, timeout, env, failures):
    """Runs the static hello world `runs` rounds under every runner (after a warm-up that fills
    the page cache and is not counted); returns key -> Samples."""
    measure_program(runner, [hello_native], [hello_guest], prefixes, STARTUP_WARMUP, timeout,
                    env, [], "hello (warm-up)")
    return measure_program(runner, [hello_native], [hello_guest], prefixes, runs, timeout, env,
                           failures, "hello")


def percentile(values, fraction):
    """The value at `fraction` of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def print_startup(startup, runs, markdown):
    """Prints the start-up table: median, min and 90th percentile wall time, peak RSS, vs qemu."""
    print()
    print_block([
        f"start-up: static hello world (Benchmarks/startup/hello.c; native and riscv64 builds both "
        f"-static), median of {runs} runs per runner after {STARTUP_WARMUP} warm-up runs, the "
        f"runners taking turns; wall clock from vfork to wait4 (bench-spawn, CLOCK_MONOTONIC); "
        f"native = the cost of process creation, exec and exit alone"], markdown)
    qemu_median = startup["qemu"].median_wall()
    rows = []
    for key, _ in RUNNERS:
        samples = startup[key]
        if samples.state is None:
            continue
        if not samples.ok:
            rows.append([RUNNER_LABELS[key], samples.state or "n/a"] + ["n/a"] * 4)
            continue
        walls = [r.wall for r in samples.results]
        rows.append([RUNNER_LABELS[key], fmt_ms(statistics.median(walls)), fmt_ms(min(walls)),
                     fmt_ms(percentile(walls, 0.9)), fmt_mib(samples.peak_rss_kib()),
                     fmt_ratio(ratio(samples.median_wall(), qemu_median))])
    print_table(["runner", "median ms", "min ms", "p90 ms", "peak RSS MiB", "median/qemu"],
                rows, markdown)


def print_translation(results, startup, markdown):
    """Prints the translation cost per program under both swift-qemu backends, or one n/a line."""
    programs = dict(results)
    if startup is not None:
        programs["hello"] = startup
    line = "'swift-qemu: translated N guest instructions in T ns'"
    print()
    if not any(s[key].translation() for s in programs.values() for key in ("jit", "interp")):
        print_block([f"translation cost: n/a (the emulator does not print {line} under "
                     f"SWIFT_QEMU_STATS=1 yet)"], markdown)
        return
    print_block([
        f"translation cost: from swift-qemu's stderr line {line} (SWIFT_QEMU_STATS=1), summed "
        f"over all timed runs of each program: T/N in microseconds per guest instruction "
        f"translated; insns = N of one run; share = T / wall time of the runs"], markdown)
    rows, totals = [], {"jit": [0, 0], "interp": [0, 0]}
    for name, samples in programs.items():
        row = [name]
        for key in ("jit", "interp"):
            t = samples[key].translation()
            if t is None:
                row += ["n/a"] * 3
                continue
            first, count, ns, wall_ns = t
            totals[key][0] += count
            totals[key][1] += ns
            row += [str(first), f"{ns / count / 1e3:.3f}" if count else "n/a",
                    f"{100 * ns / wall_ns:.1f}%" if wall_ns else "n/a"]
        rows.append(row)
    row = ["total"]
    for key in ("jit", "interp"):
        count, ns = totals[key]
        row += ["", f"{ns / count / 1e3:.3f}" if count else "n/a", ""]
    rows.append(row)
    print_table(["program", "JIT insns", "JIT us/insn", "JIT share", "interp insns",
                 "interp us/insn", "interp share"], rows, markdown)


def print_rss(results, startup, runs, markdown):
    """Prints the peak RSS of every program under every runner, and swift-qemu/qemu ratios."""
    programs = dict(results)
    if startup is not None:
        programs["hello"] = startup
    print()
    print_block([
        f"peak RSS: ru_maxrss of each run's own process (wait4 in bench-spawn), the largest over "
        f"the {runs} timed run(s) of each kernel (hello: over the start-up runs), in MiB; "
        f"the static spawn helper adds under 0.5 MiB alike to every runner"], markdown)
    rows, jit_ratios, interp_ratios = [], [], []
    for name, samples in programs.items():
        rss = {key: samples[key].peak_rss_kib() for key, _ in RUNNERS}
        jit_ratio, interp_ratio = ratio(rss["jit"], rss["qemu"]), ratio(rss["interp"], rss["qemu"])
        jit_ratios.append(jit_ratio)
        interp_ratios.append(interp_ratio)
        rows.append([name] + [fmt_mib(rss[key]) for key, _ in RUNNERS]
                    + [fmt_ratio(jit_ratio), fmt_ratio(interp_ratio)])
    rows.append(["geomean", "", "", "", "", fmt_ratio(geomean(jit_ratios)),
                 fmt_ratio(geomean(interp_ratios))])
    print_table(["program", "native MiB", "JIT MiB", "interp MiB", "qemu MiB", "JIT/qemu",
                 "interp/qemu"], rows, markdown)
