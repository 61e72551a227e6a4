"""Runs one process for the benchmark harness and reports its time, resource usage and output.

Part of Benchmarks/measure.py (see its docstring). Only the standard library is used.

Method: every run goes through Benchmarks/tools/bench-spawn (a small static C helper that
Benchmarks/run builds): it takes CLOCK_MONOTONIC just before vfork+exec and just after wait4, and
reports the child's own rusage (user + system CPU time, peak RSS ru_maxrss in KiB). Timing from
Python would work for the clock, but a child forked by Python inherits the ~13 MiB Python image
into its ru_maxrss; the static helper adds a few hundred KiB, the same for every runner. stdin is
/dev/null; stdout and stderr go to unlinked temporary files (no pipe for the child to block on),
read back after the run.
"""

import math
import statistics
import os
import re
import tempfile

RETIRED_LINE = re.compile(r"swift-qemu: instructions retired: (\d+)")
# The translation-cost hook: the emulator prints this under SWIFT_QEMU_STATS=1 once it measures it.
TRANSLATED_LINE = re.compile(r"swift-qemu: translated (\d+) guest instructions in (\d+) ns")
# Which backend ran the guest ("jit" or "interpreter"), also under SWIFT_QEMU_STATS=1.
BACKEND_LINE = re.compile(r"swift-qemu: backend: (\S+)")


class RunFailure(Exception):
    """A run that exited non-zero, timed out or printed something other than the reference."""


class RunResult:
    """One finished run: wall and CPU seconds, peak RSS in KiB, decoded stdout and stderr."""

    def __init__(self, wall, cpu, maxrss_kib, stdout, stderr):
        self.wall = wall
        self.cpu = cpu
        self.maxrss_kib = maxrss_kib
        self.stdout = stdout
        self.stderr = stderr

    def seconds(self, cpu_clock):
        """The figure the speed table uses: wall clock, or user + system CPU time."""
        return self.cpu if cpu_clock else self.wall


class EmulatorStats:
    """What swift-qemu reports on stderr under SWIFT_QEMU_STATS=1 (None where it printed nothing)."""

    def __init__(self, stderr):
        retired = RETIRED_LINE.findall(stderr)
        self.retired = int(retired[-1]) if retired else None
        translated = TRANSLATED_LINE.findall(stderr)
        self.translated = int(translated[-1][0]) if translated else None
        self.translate_ns = int(translated[-1][1]) if translated else None
        backend = BACKEND_LINE.findall(stderr)
        self.backend = backend[-1] if backend else None


class Runner:
    """Runs processes through bench-spawn with reusable output files; one serves the harness."""

    def __init__(self, helper):
        self._helper = helper
        self._out = tempfile.TemporaryFile()
        self._err = tempfile.TemporaryFile()
        self._report = tempfile.TemporaryFile()
        self._stdin = os.open(os.devnull, os.O_RDONLY)

    def run(self, argv, env, timeout):
        """Runs argv (argv[0] a path) to completion; returns a RunResult.

        Raises RunFailure when it times out, exits non-zero or is killed by a signal."""
        for f in (self._out, self._err, self._report):
            f.seek(0)
            f.truncate()
        actions = [(os.POSIX_SPAWN_DUP2, self._stdin, 0),
                   (os.POSIX_SPAWN_DUP2, self._out.fileno(), 1),
                   (os.POSIX_SPAWN_DUP2, self._err.fileno(), 2),
                   (os.POSIX_SPAWN_DUP2, self._report.fileno(), 3)]
        helper_argv = [self._helper, str(int(math.ceil(timeout)))] + list(argv)
        pid = os.posix_spawn(self._helper, helper_argv, env, file_actions=actions)
        _, status, _ = os.wait4(pid, 0)
        stdout, stderr = self._read(self._out), self._read(self._err)
        report = self._read(self._report).split()
        if os.waitstatus_to_exitcode(status) != 0 or len(report) != 5:
            raise RunFailure(f"bench-spawn failed on {' '.join(argv)}: {stderr.strip()[-300:]}")
        code, wall_ns, cpu_ns, maxrss, timed_out = (int(x) for x in report)
        if timed_out:
            raise RunFailure(f"timed out after {timeout} s: {' '.join(argv)}")
        if code != 0:
            how = (f"killed by signal {-code}" if code < 0 else
                   "could not be executed" if code == 127 else f"exit status {code}")
            tail = "\n".join(stderr.strip().splitlines()[-5:])
            raise RunFailure(f"{how}: {' '.join(argv)}" + (f"\n    stderr: {tail}" if tail else ""))
        return RunResult(wall_ns / 1e9, cpu_ns / 1e9, maxrss, stdout, stderr)

    @staticmethod
    def _read(f):
        f.seek(0)
        return f.read().decode("utf-8", "replace")


class Samples:
    """All runs of one program under one runner (native, JIT, interp, qemu) in one harness run.

    `state` is "ok" while every run succeeded and printed the reference output, "FAIL" after a
    bad exit or timeout, "MISMATCH" after different output; None means the runner was not used."""

    def __init__(self):
        self.state = None
        self.results = []

    def add(self, result):
        self.state = self.state or "ok"
        self.results.append(result)

    @property
    def ok(self):
        return self.state == "ok" and bool(self.results)

    def seconds(self, stat, cpu_clock=False):
        """Best (stat "best") or median run time, or None when there is no clean run."""
        if not self.ok:
            return None
        values = [r.seconds(cpu_clock) for r in self.results]
        return min(values) if stat == "best" else statistics.median(values)

    def median_wall(self):
        return statistics.median(r.wall for r in self.results) if self.ok else None

    def peak_rss_kib(self):
        """The largest ru_maxrss over the runs (KiB), or None."""
        return max(r.maxrss_kib for r in self.results) if self.ok else None

    def stats(self):
        """EmulatorStats of the first run (counts are deterministic), or None."""
        return EmulatorStats(self.results[0].stderr) if self.ok else None

    def translation(self):
        """(instructions translated in the first run, total over the runs, total translation ns,
        total wall ns), or None when the emulator did not print the translation line."""
        if not self.ok:
            return None
        stats = [EmulatorStats(r.stderr) for r in self.results]
        if any(s.translated is None for s in stats):
            return None
        return (stats[0].translated, sum(s.translated for s in stats),
                sum(s.translate_ns for s in stats), sum(r.wall for r in self.results) * 1e9)


# The runners, in column order: key, label used in messages.
RUNNERS = [("native", "native"), ("jit", "swift-qemu"), ("interp", "swift-qemu -interp"),
           ("qemu", "qemu-riscv64")]


def measure_program(runner, native_argv, guest_argv, prefixes, runs, timeout, env, failures, name):
    """Runs one program `runs` rounds under every runner in turn; returns key -> Samples.

    prefixes maps each RUNNERS key to the argv prefix of that runner (None: not used). The
    native run of the first round is the reference output; a runner that fails or prints
    something else is recorded in `failures` and not run again."""
    samples = {key: Samples() for key, _ in RUNNERS}
    reference = None
    for _ in range(runs):
        for key, label in RUNNERS:
            prefix, cell = prefixes[key], samples[key]
            if prefix is None or cell.state in ("FAIL", "MISMATCH"):
                continue
            if key != "native" and reference is None:
                continue  # no reference output: the native run failed
            argv = prefix + (native_argv if key == "native" else guest_argv)
            try:
                result = runner.run(argv, env, timeout)
            except RunFailure as failure:
                failures.append(f"{name} ({label}): {failure}")
                cell.state = "FAIL"
                continue
            if reference is None:
                reference = result.stdout
            elif result.stdout != reference:
                failures.append(f"{name} ({label}): output differs from native, "
                                f"{first_difference(reference, result.stdout)}")
                cell.state = "MISMATCH"
                continue
            cell.add(result)
    return samples


def first_difference(expected, actual):
    """A one-line description of the first differing line of two outputs."""
    exp_lines, act_lines = expected.splitlines(), actual.splitlines()
    for number, (e, a) in enumerate(zip(exp_lines, act_lines), 1):
        if e != a:
            return f"line {number}: expected {e!r}, got {a!r}"
    return f"expected {len(exp_lines)} lines, got {len(act_lines)}"
