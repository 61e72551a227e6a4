#!/usr/bin/env python3
"""Times the benchmark kernels natively, under swift-qemu (default JIT backend and -interp) and
under qemu-riscv64, checks that every run prints the native output, and prints the comparison
table, then the extra measurements (start-up, translation cost, peak RSS) and the targets.

Called by Benchmarks/run after it has built everything; run that script, not this one. Only the
standard library is used. Each measurement is one whole process (spawn, emulator start-up, the
kernel's work, exit), started and timed by the static helper Benchmarks/tools/bench-spawn (see
bench_process.py); a kernel's figure is the best (default) or the median of N runs. The runners
take turns within each round (native, JIT, interp, qemu, then the next round), so a change in
machine load during the run hits every column alike.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep Benchmarks/ free of __pycache__

from bench_extras import measure_startup, print_rss, print_startup, print_translation  # noqa: E402
from bench_process import RUNNERS, Runner, measure_program  # noqa: E402
from bench_report import (fmt_ratio, fmt_seconds, geomean, linkage, machine_line,  # noqa: E402
                          print_block, print_table, ratio)
from bench_targets import print_targets  # noqa: E402

SPEED_HEADERS = ["kernel", "native s", "JIT s", "interp s", "qemu s", "JIT/native",
                 "interp/native", "qemu/native", "JIT/qemu", "JIT MIPS", "interp MIPS"]


def runner_prefixes(args):
    """key -> argv prefix (None: runner not used) for the guest runners."""
    return {
        "native": [],
        "jit": [args.swift_qemu] if args.swift_qemu else None,
        "interp": [args.swift_qemu, "-interp"] if args.swift_qemu and not args.no_interp else None,
        "qemu": [args.qemu] if args.qemu else None,
    }


def clean_env():
    """The environment for every run: no QEMU_* or SWIFT_QEMU_* left over from the caller (both
    emulators read QEMU_*; a stray SWIFT_QEMU_INTERP=1 would turn the JIT column into the
    interpreter), plus SWIFT_QEMU_STATS=1 so that swift-qemu reports its counters."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("QEMU_") and not k.startswith("SWIFT_QEMU_")}
    env["SWIFT_QEMU_STATS"] = "1"
    return env


def speed_rows(results, args):
    """The speed table's rows and the per-kernel ratios (for the geomeans and the targets)."""
    rows, ratios = [], {"jit": [], "interp": [], "qemu": [], "jit/qemu": []}
    for kernel, samples in results.items():
        t = {key: samples[key].seconds(args.stat, args.cpu_time) for key, _ in RUNNERS}

        def cell(key):
            state = samples[key].state
            return state if state in ("FAIL", "MISMATCH") else fmt_seconds(t[key])

        def mips(key):
            stats = samples[key].stats()
            if stats is None or stats.retired is None or not t[key]:
                return "n/a"
            return f"{stats.retired / t[key] / 1e6:.0f}"

        r = {key: ratio(t[key], t["native"]) for key in ("jit", "interp", "qemu")}
        r["jit/qemu"] = ratio(t["jit"], t["qemu"])
        for key, value in r.items():
            ratios[key].append(value)
        rows.append([kernel, cell("native"), cell("jit"), cell("interp"), cell("qemu"),
                     fmt_ratio(r["jit"]), fmt_ratio(r["interp"]), fmt_ratio(r["qemu"]),
                     fmt_ratio(r["jit/qemu"]), mips("jit"), mips("interp")])
    rows.append(["geomean", "", "", "", "", fmt_ratio(geomean(ratios["jit"])),
                 fmt_ratio(geomean(ratios["interp"])), fmt_ratio(geomean(ratios["qemu"])),
                 fmt_ratio(geomean(ratios["jit/qemu"])), "", ""])
    return rows, ratios


def backend_note(results):
    """A line saying what the JIT column really measured, from the emulator's backend line."""
    reported = {s["jit"].stats().backend for s in results.values() if s["jit"].ok}
    if not reported:
        return None
    if reported == {None}:
        return ("note: the emulator does not name its backend (no 'swift-qemu: backend: NAME' line "
                "under SWIFT_QEMU_STATS=1); until the JIT lands its default backend is the IR "
                "interpreter, so the JIT column then measures the interpreter too")
    names = ", ".join(sorted(str(n) for n in reported))
    if reported == {"jit"}:
        return None
    return f"note: the JIT column's runs reported backend {names}, not jit: it is not the JIT"


def print_speed(results, args):
    """Prints the speed table and its notes; returns the ratios."""
    rows, ratios = speed_rows(results, args)
    print_table(SPEED_HEADERS, rows, args.markdown)
    labels = {"jit": "JIT/native", "interp": "interp/native", "qemu": "qemu/native",
              "jit/qemu": "JIT/qemu"}
    partial = [labels[k] for k, v in ratios.items()
               if any(x is not None for x in v) and any(x is None for x in v)]
    if partial:
        print(f"note: the geomean of {', '.join(partial)} leaves out kernels whose cell is not a number")
    return ratios


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stat", choices=["best", "median"], default="best")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--native-dir", required=True)
    parser.add_argument("--guest-dir", required=True)
    parser.add_argument("--spawn-helper", required=True, help="Benchmarks/tools/bench-spawn binary")
    parser.add_argument("--hello-native", default="", help="static native hello world")
    parser.add_argument("--hello-guest", default="", help="static riscv64 hello world")
    parser.add_argument("--swift-qemu", default="", help="emulator binary; empty: columns n/a")
    parser.add_argument("--no-interp", action="store_true", help="skip the -interp column")
    parser.add_argument("--qemu", default="", help="qemu-riscv64 binary; empty: column n/a")
    parser.add_argument("--extras", choices=["yes", "no", "only"], default="yes",
                        help="extra measurements after the table (yes), not at all, or only them")
    parser.add_argument("--startup-runs", type=int, default=200)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--cpu-time", action="store_true",
                        help="measure user+system CPU time instead of wall-clock time")
    parser.add_argument("--tools", default="", help="compiler and qemu versions, printed as is")
    parser.add_argument("kernels", nargs="+")
    return parser.parse_args()


def main():
    args = parse_args()
    runner = Runner(args.spawn_helper)
    env = clean_env()
    prefixes = runner_prefixes(args)
    scale_args = [str(args.scale)] if args.scale != 1 else []
    only_extras = args.extras == "only"
    runs = 1 if only_extras else args.runs

    header = [machine_line()]
    if args.tools:
        header.append(f"tools: {args.tools}")
    if args.swift_qemu:
        header.append(f"swift-qemu: {args.swift_qemu} ({linkage(args.swift_qemu)}); "
                      f"JIT = default backend, interp = -interp"
                      + ("; interp column skipped (--no-interp)" if args.no_interp else ""))
    clock = "user+system CPU time" if args.cpu_time else "wall clock"
    if not only_extras:
        header.append(f"each time: {args.stat} of {args.runs} runs, {clock} of the whole process; "
                      f"scale {args.scale}")
    print_block(header, args.markdown)
    print(flush=True)

    failures = []
    results = {}
    for kernel in args.kernels:
        print(f"  {kernel}", end="", flush=True, file=sys.stderr)
        results[kernel] = measure_program(
            runner, [os.path.join(args.native_dir, kernel)] + scale_args,
            [os.path.join(args.guest_dir, kernel)] + scale_args, prefixes, runs, args.timeout,
            env, failures, kernel)
        print(file=sys.stderr)

    ratios = None
    note = backend_note(results)
    if not only_extras:
        ratios = print_speed(results, args)
        if note:
            print(note)

    startup = None
    if args.extras != "no":
        if args.hello_native and args.hello_guest and args.startup_runs > 0:
            print("  start-up: hello world", file=sys.stderr, flush=True)
            startup = measure_startup(runner, args.hello_native, args.hello_guest, prefixes,
                                      args.startup_runs, args.timeout, env, failures)
            print_startup(startup, args.startup_runs, args.markdown)
        print_translation(results, startup, args.markdown)
        print_rss(results, startup, runs, args.markdown)

    print_targets(ratios, results, startup, note, args.markdown)

    if failures:
        print("\nFAILED: these runs did not match the native output or did not exit cleanly:",
              file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
