"""Formatting for the benchmark harness: numbers, tables (aligned text or Markdown), machine line.

Part of Benchmarks/measure.py (see its docstring). Only the standard library is used.
"""

import datetime
import math
import os
import platform


def machine_line():
    """CPU model, core count, kernel, date and load: the context every table must carry."""
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
    return f"machine: {model}, {cores} cores, Linux {platform.release()}, {date}, {load_line()}"


def load_line():
    """`load average a b c`, or `load average n/a`."""
    try:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average n/a"


def linkage(path):
    """`static` or `dynamically linked` for an ELF executable (PT_INTERP present), or `?`."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2:
                return "?"
            phoff = int.from_bytes(head[32:40], "little")
            phentsize = int.from_bytes(head[54:56], "little")
            phnum = int.from_bytes(head[56:58], "little")
            f.seek(phoff)
            table = f.read(phentsize * phnum)
    except OSError:
        return "?"
    types = (int.from_bytes(table[i:i + 4], "little") for i in range(0, len(table), phentsize))
    return "dynamically linked" if 3 in types else "static"  # 3: PT_INTERP


def ratio(a, b):
    """a / b, or None when either is missing."""
    return a / b if a is not None and b is not None and b > 0 else None


def geomean(values):
    """Geometric mean of the numbers among values (None entries are left out), or None."""
    values = [v for v in values if v is not None and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def fmt_seconds(value):
    return "n/a" if value is None else f"{value:.3f}"


def fmt_ms(value):
    return "n/a" if value is None else f"{value * 1e3:.2f}"


def fmt_ratio(value):
    return "n/a" if value is None else (f"{value:.1f}" if value >= 10 else f"{value:.2f}")


def fmt_mib(kib):
    return "n/a" if kib is None else f"{kib / 1024:.1f}"


def print_table(headers, rows, markdown):
    """Prints rows (lists of strings in headers order) as aligned text or as a Markdown table."""
    if markdown:
        print("| " + " | ".join(headers) + " |")
        print("|" + "|".join(["---"] + ["---:"] * (len(headers) - 1)) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        print()  # a following text line would otherwise continue the table
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                   for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def print_block(lines, markdown):
    """Prints context lines (method, machine); in Markdown as a fenced block so they stay verbatim."""
    if markdown:
        print("```")
    for line in lines:
        print(line)
    if markdown:
        print("```")
