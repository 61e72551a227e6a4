#!/usr/bin/env python3
"""Times the benchmark kernels natively, under swift-qemu and under qemu-riscv64, checks that all
three print the same output, and prints the comparison table.

Called by Benchmarks/run after it has built everything; run that script, not this one. Only the
standard library is used. Each measurement is the wall-clock time of one whole process (fork,
exec, emulator start-up, the kernel's work, exit), taken with time.perf_counter_ns around
subprocess.run; a kernel's figure is the best (default) or the median of N runs.
"""

import argparse
import datetime
import math
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time

STATS_LINE = re.compile(r"swift-qemu: instructions retired: (\d+)")


class RunFailure(Exception):
    """A run that exited non-zero, timed out or printed something other than the reference."""


def children_cpu_seconds():
    """User + system CPU time of all waited-for children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv, env, timeout, cpu_clock=False):
    """Runs argv once; returns (seconds, stdout, stderr). Raises RunFailure on a bad exit.

    Seconds are wall-clock time, or with cpu_clock the child's user + system CPU time (the runs
    are sequential, so the growth of RUSAGE_CHILDREN is exactly this child's)."""
    cpu_start = children_cpu_seconds()
    start = time.perf_counter_ns()
    try:
        proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RunFailure(f"timed out after {timeout} s: {' '.join(argv)}")
    elapsed = (time.perf_counter_ns() - start) / 1e9
    if cpu_clock:
        elapsed = children_cpu_seconds() - cpu_start
    stdout = proc.stdout.decode("utf-8", "replace")
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        how = (f"killed by signal {-proc.returncode}" if proc.returncode < 0
               else f"exit status {proc.returncode}")
        tail = "\n".join(stderr.strip().splitlines()[-5:])
        raise RunFailure(f"{how}: {' '.join(argv)}" + (f"\n    stderr: {tail}" if tail else ""))
    return elapsed, stdout, stderr


def measure(argv, runs, stat, timeout, env, cpu_clock=False):
    """Runs argv `runs` times; returns (time by `stat`, stdout of the first run, stderr of the first run).

    Every run must print the same stdout (the kernels are deterministic)."""
    times, first_out, first_err = [], None, None
    for _ in range(runs):
        seconds, out, err = run_once(argv, env, timeout, cpu_clock)
        if first_out is None:
            first_out, first_err = out, err
        elif out != first_out:
            raise RunFailure(f"output differs between two runs of {' '.join(argv)}")
        times.append(seconds)
    value = min(times) if stat == "best" else statistics.median(times)
    return value, first_out, first_err


def first_difference(expected, actual):
    """A one-line description of the first differing line of two outputs."""
    exp_lines, act_lines = expected.splitlines(), actual.splitlines()
    for number, (e, a) in enumerate(zip(exp_lines, act_lines), 1):
        if e != a:
            return f"line {number}: expected {e!r}, got {a!r}"
    return f"expected {len(exp_lines)} lines, got {len(act_lines)}"


def machine_line():
    """CPU model, core count, kernel and date: the context every table must carry."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = os.cpu_count() or 0
    date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    try:
        load = "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "load average n/a"
    return f"machine: {model}, {cores} cores, Linux {platform.release()}, {date}, {load}"


def fmt_seconds(value):
    return "n/a" if value is None else f"{value:.3f}"


def fmt_ratio(value):
    return "n/a" if value is None else (f"{value:.1f}" if value >= 10 else f"{value:.2f}")


def ratio(a, b):
    return a / b if a is not None and b is not None and b > 0 else None


def geomean(values):
    values = [v for v in values if v is not None and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


HEADERS = ["kernel", "native s", "swift-qemu s", "qemu s", "swift-qemu/native",
           "qemu/native", "swift-qemu/qemu", "guest MIPS"]


def print_table(rows, markdown):
    """Prints rows (lists of strings, HEADERS order) as aligned text or as a Markdown table."""
    if markdown:
        print("| " + " | ".join(HEADERS) + " |")
        print("|" + "|".join(["---"] + ["---:"] * (len(HEADERS) - 1)) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                   for i, (c, w) in enumerate(zip(cells, widths)))
    print(line(HEADERS))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stat", choices=["best", "median"], default="best")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--native-dir", required=True)
    parser.add_argument("--guest-dir", required=True)
    parser.add_argument("--swift-qemu", default="", help="emulator binary; empty: column n/a")
    parser.add_argument("--qemu", default="", help="qemu-riscv64 binary; empty: column n/a")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--cpu-time", action="store_true",
                        help="measure user+system CPU time instead of wall-clock time")
    parser.add_argument("--tools", default="", help="compiler and qemu versions, printed as is")
    parser.add_argument("kernels", nargs="+")
    args = parser.parse_args()

    scale_args = [str(args.scale)] if args.scale != 1 else []
    base_env = dict(os.environ)
    # qemu-user reads QEMU_* variables; make sure a stray one cannot change what is measured.
    for key in [k for k in base_env if k.startswith("QEMU_")]:
        del base_env[key]
    swift_env = dict(base_env, SWIFT_QEMU_STATS="1")

    print(machine_line())
    if args.tools:
        print(f"tools: {args.tools}")
    clock = "user+system CPU time" if args.cpu_time else "wall clock"
    print(f"each time: {args.stat} of {args.runs} runs, {clock} of the whole process; "
          f"scale {args.scale}")
    print(flush=True)

    rows, failures = [], []
    ratios = {"sq/native": [], "qemu/native": [], "sq/qemu": []}
    for kernel in args.kernels:
        native_bin = os.path.join(args.native_dir, kernel)
        guest_bin = os.path.join(args.guest_dir, kernel)
        print(f"  {kernel}: native", end="", flush=True, file=sys.stderr)
        try:
            native, reference, _ = measure([native_bin] + scale_args, args.runs, args.stat,
                                           args.timeout, base_env, args.cpu_time)
        except RunFailure as failure:
            failures.append(f"{kernel} (native): {failure}")
            print(file=sys.stderr)
            rows.append([kernel, "FAIL"] + ["n/a"] * 6)
            continue

        def guest(label, emulator, env):
            """Times the guest binary under one emulator; None when that column is n/a or failed."""
            if not emulator:
                return None, None
            print(f", {label}", end="", flush=True, file=sys.stderr)
            try:
                seconds, out, err = measure([emulator, guest_bin] + scale_args, args.runs,
                                            args.stat, args.timeout, env, args.cpu_time)
            except RunFailure as failure:
                failures.append(f"{kernel} ({label}): {failure}")
                return "FAIL", None
            if out != reference:
                failures.append(f"{kernel} ({label}): output differs from native, "
                                f"{first_difference(reference, out)}")
                return "MISMATCH", None
            counts = STATS_LINE.findall(err)
            return seconds, int(counts[-1]) if counts else None

        sq, instructions = guest("swift-qemu", args.swift_qemu, swift_env)
        qemu, _ = guest("qemu-riscv64", args.qemu, base_env)
        print(file=sys.stderr)

        sq_time = sq if isinstance(sq, float) else None
        qemu_time = qemu if isinstance(qemu, float) else None
        r_sq, r_qemu, r_sq_qemu = ratio(sq_time, native), ratio(qemu_time, native), ratio(sq_time, qemu_time)
        ratios["sq/native"].append(r_sq)
        ratios["qemu/native"].append(r_qemu)
        ratios["sq/qemu"].append(r_sq_qemu)
        mips = (f"{instructions / sq_time / 1e6:.0f}"
                if instructions is not None and sq_time else "n/a")
        rows.append([kernel, fmt_seconds(native),
                     sq if isinstance(sq, str) else fmt_seconds(sq_time),
                     qemu if isinstance(qemu, str) else fmt_seconds(qemu_time),
                     fmt_ratio(r_sq), fmt_ratio(r_qemu), fmt_ratio(r_sq_qemu), mips])

    rows.append(["geomean", "", "", "", fmt_ratio(geomean(ratios["sq/native"])),
                 fmt_ratio(geomean(ratios["qemu/native"])), fmt_ratio(geomean(ratios["sq/qemu"])), ""])
    print_table(rows, args.markdown)
    partial = [name for name, values in (("swift-qemu/native", ratios["sq/native"]),
                                          ("qemu/native", ratios["qemu/native"]),
                                          ("swift-qemu/qemu", ratios["sq/qemu"]))
               if any(v is not None for v in values) and any(v is None for v in values)]
    if partial:
        print(f"note: the geomean of {', '.join(partial)} leaves out kernels whose cell is not a number")

    if failures:
        print("\nFAILED: these runs did not match the native output or did not exit cleanly:",
              file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
