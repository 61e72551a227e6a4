#!/usr/bin/env python3
"""Drives an interactive shell on a pseudo-terminal through a job-control session and prints a
normalized transcript (for JobControlTests: the same script against the host's bash and against
the Debian root's riscv64 bash under swift-qemu-riscv64 must give the same transcript).

Usage: job_control.py [--step-timeout S] [--total-timeout S] -- SHELL-ARGV...

The shell is started as the session leader of a new session whose controlling terminal is the
pty's slave side (pty.fork). The script types commands and control characters into the master
side, like a user: a foreground job, ^Z, jobs, bg, fg, ^C, kill -STOP/-CONT %1, a background
reader stopped by SIGTTIN, a pipeline stopped and resumed, a program with its own SIGTSTP and
SIGCONT handlers (tstp_handler.pl, run from this directory, the shell's working directory), a
background writer stopped by SIGTTOU under `stty tostop`, wait, and exit with a stopped job.

Timing never shapes the transcript: after every step the driver waits for the machine state it
expects (the job's processes in /proc: exec'd, stopped 'T', running, gone; the terminal's
foreground process group), then types empty lines until the shell's asynchronous job report has
been printed (sending the shell a SIGCHLD when the report is slow: see Session.report). Prompts
and empty lines are removed from the transcript, so where exactly the shell printed a report
(before which prompt) does not matter. Process ids are replaced by PID.

Exit status 0 when every step completed, 1 with a message on stderr naming the step that timed
out (and the raw transcript's tail). Every process of the shell's session is killed at the end,
whatever happened: the test never leaves a stopped or running job behind.
With JOB_CONTROL_RAW=<file> in the environment the raw bytes read from the terminal are saved
there too (for debugging a difference).
"""

import os
import pty
import re
import select
import signal
import sys
import time

PROMPT = "@@jc@@ "
PROBE = "#probe"
NUDGE_AFTER = 3.0  # seconds without an awaited job report before the shell gets a SIGCHLD (report)


class StepFailed(Exception):
    pass


class Session:
    def __init__(self, argv, step_timeout):
        self.step_timeout = step_timeout
        self.raw = bytearray()
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "LC_ALL": "C", "TERM": "dumb",
               "PS1": PROMPT, "PS2": "> "}
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.chdir(os.path.dirname(os.path.abspath(__file__)))  # for tstp_handler.pl
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.step = "start"
        self.status = None
        self.prompts = 1  # the first one

    # --- output -------------------------------------------------------------------------------
    def pump(self, seconds):
        """Reads whatever the shell writes for up to `seconds`; False at end of file."""
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: every slave descriptor is closed
            return False
        if not data:
            return False
        self.raw += data
        return True

    def wait_until(self, what, predicate):
        deadline = time.monotonic() + self.step_timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise StepFailed(f"step {self.step!r}: timed out after {self.step_timeout} s waiting for {what}")
            if not self.pump(0.05):
                if not predicate():
                    raise StepFailed(f"step {self.step!r}: the shell closed the terminal while waiting for {what}")

    def expect_prompt(self):
        """Waits for the prompt answering the last line typed at a prompt. Prompts are counted:
        the shell prints one per line it reads at a prompt (and none otherwise), so an echo or a
        prompt still in flight cannot be mistaken for the one awaited."""
        prompt = PROMPT.encode()
        self.wait_until("the prompt", lambda: self.raw.count(prompt) >= self.prompts and self.raw.endswith(prompt))

    def expect_text(self, since, pattern, count=1):
        regex = re.compile(pattern.encode())
        self.wait_until(f"output {pattern!r}", lambda: len(regex.findall(bytes(self.raw[since:]))) >= count)

    # --- input --------------------------------------------------------------------------------
    def type(self, text):
        os.write(self.fd, text.encode())

    def command(self, line, step=None):
        """Types a command at the prompt and waits for the next prompt; returns where its
        output starts in the raw transcript."""
        self.step = step or line
        start = len(self.raw)
        self.prompts += 1
        self.type(line + "\n")
        self.expect_prompt()
        return start

    def start(self, line, names, step=None):
        """Types a command at the prompt that runs `names` in the foreground (the next prompt
        comes when that job stops or ends); returns the job's process group."""
        self.step = step or line
        self.prompts += 1
        self.type(line + "\n")
        return self.foreground_job(names)

    def key(self, text, step):
        """Types to the foreground job (a control character, a line for cat); returns where
        what follows starts in the raw transcript."""
        self.step = step
        start = len(self.raw)
        self.type(text)
        return start

    def report(self, pattern, since):
        """Waits for the prompt, then types empty lines until `pattern` (an asynchronous job
        report) has been printed since `since`.

        Every NUDGE_AFTER seconds without the report the shell also gets a SIGCHLD of its own.
        That works around a race in bash itself: at a prompt, an interactive bash scans its job
        list (notify_of_job_status) with SIGCHLD merely counted (queue_sigchld), and nothing
        reaps the children whose SIGCHLD came during the scan until the next SIGCHLD. A job
        that stops just then is not reported until some other child changes state, on hardware
        too. Under the emulator the scan is slower and the window wider. A spurious SIGCHLD is harmless: bash's handler reaps what
        is there (waitpid with WNOHANG) and the report follows at the next prompt."""
        self.expect_prompt()
        regex = re.compile(pattern.encode())
        start = time.monotonic()
        deadline = start + self.step_timeout
        next_nudge = start + NUDGE_AFTER
        while not regex.search(bytes(self.raw[since:])):
            now = time.monotonic()
            if now > deadline:
                raise StepFailed(f"step {self.step!r}: no job report {pattern!r} after {self.step_timeout} s")
            if now > next_nudge:
                sys.stderr.write(f"job_control.py: step {self.step!r}: no report after {now - start:.1f} s, sent the shell a SIGCHLD\n")
                os.kill(self.pid, signal.SIGCHLD)
                next_nudge = now + NUDGE_AFTER
            time.sleep(0.1)
            self.command("", self.step)

    def probe(self, command, pattern):
        """Runs `command` (tagged PROBE, and removed from the transcript with whatever it and the
        shell print up to the next prompt) until its output matches `pattern`: for a state the
        shell learns asynchronously and reports silently (a job continued by kill -CONT becomes
        Running once the shell has handled its SIGCHLD)."""
        regex = re.compile(pattern.encode())
        deadline = time.monotonic() + self.step_timeout
        while True:
            start = self.command(f"{command} {PROBE}", self.step)
            if regex.search(bytes(self.raw[start:])):
                return
            if time.monotonic() > deadline:
                raise StepFailed(f"step {self.step!r}: {command} never printed {pattern!r} in {self.step_timeout} s")
            time.sleep(0.1)

    def settle(self):
        """After a state change that the shell reports silently (continued jobs): gives it time
        to collect the status, then lets it print any report."""
        self.expect_prompt()
        time.sleep(0.5)
        self.command("", self.step)

    # --- processes ----------------------------------------------------------------------------
    def processes(self, pgrp=None):
        """(pid, state, group, argv) of the processes of the shell's session (or of one group)."""
        found = []
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    stat = f.read()
                with open(f"/proc/{name}/cmdline", "rb") as f:
                    argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
            except OSError:
                continue
            fields = stat[stat.rindex(b")") + 2:].split()
            state, group, session = fields[0].decode(), int(fields[2]), int(fields[3])
            if session != self.pid or (pgrp is not None and group != pgrp):
                continue
            found.append((int(name), state, group, argv))
        return found

    def job(self, pgrp, names):
        """The processes of group `pgrp` when there is one per name in `names`, each having
        exec'd its program (an argv element whose basename is the name: under the emulator the
        program is an argument of the emulator); else None."""
        procs = self.processes(pgrp)
        if len(procs) != len(names):
            return None
        remaining = list(names)
        for _, _, _, argv in procs:
            match = next((n for n in remaining if any(os.path.basename(a) == n for a in argv)), None)
            if match is None:
                return None
            remaining.remove(match)
        return procs

    def foreground_job(self, names):
        """Waits until a group other than the shell's owns the terminal and runs `names`."""
        result = {}

        def ready():
            group = os.tcgetpgrp(self.fd)
            if group == self.pid:
                return False
            procs = self.job(group, names)
            if procs and all(p[1] != "T" for p in procs):
                result["group"] = group
                return True
            return False
        self.wait_until(f"foreground job {names}", ready)
        return result["group"]

    def wait_state(self, pgrp, what, predicate):
        self.wait_until(what, lambda: predicate(self.processes(pgrp)))

    def stopped(self, pgrp):
        self.wait_state(pgrp, "the job to stop", lambda p: p and all(q[1] == "T" for q in p))

    def running(self, pgrp):
        self.wait_state(pgrp, "the job to run", lambda p: p and all(q[1] != "T" for q in p))

    def gone(self, pgrp):
        self.wait_state(pgrp, "the job to end", lambda p: not p)

    def background_group(self, names):
        """The group of the one background job running `names`."""
        result = {}

        def ready():
            for pid, _, group, _ in self.processes():
                if group != self.pid and self.job(group, names):
                    result["group"] = group
                    return True
            return False
        self.wait_until(f"background job {names}", ready)
        return result["group"]

    # --- end ----------------------------------------------------------------------------------
    def finish(self):
        """Reads to end of file and reaps the shell; then kills anything left in its session."""
        deadline = time.monotonic() + self.step_timeout
        while time.monotonic() < deadline and self.pump(0.1):
            pass
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.status = status
                break
            time.sleep(0.05)
        # The shell's last job (stopped at exit) must have been terminated by the shell.
        while time.monotonic() < deadline and self.processes():
            time.sleep(0.05)
        return self.processes()

    def kill_all(self):
        for pid, _, _, _ in self.processes():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        if self.status is None:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass


def script(s):
    """The session, step by step."""
    s.step = "first prompt"
    s.expect_prompt()

    # A foreground job stopped with ^Z, listed, resumed in the background, brought back to the
    # foreground and interrupted with ^C.
    job = s.start("sleep 30", ["sleep"])
    start = s.key("\x1a", "^Z")
    s.stopped(job)
    s.report(r"Stopped +sleep 30", start)
    s.command("jobs")
    s.command("bg")
    s.running(job)
    s.settle()
    s.command("jobs")
    s.start("fg", ["sleep"])
    s.key("\x03", "^C")
    s.gone(job)
    s.settle()
    s.command("jobs")

    # A background job stopped and continued with kill, then terminated.
    s.command("sleep 30 &")
    job = s.background_group(["sleep"])
    start = s.command("kill -STOP %1")
    s.stopped(job)
    s.report(r"Stopped +sleep 30", start)
    s.command("jobs")
    s.command("kill -CONT %1")
    s.running(job)
    s.probe("jobs -r", r"Running +sleep 30")
    s.command("jobs")
    start = s.command("kill %1")
    s.gone(job)
    s.report(r"Terminated +sleep 30", start)

    # A reader in the foreground, stopped; in the background it stops again on SIGTTIN; fg gives
    # it the terminal back and ^D ends it.
    job = s.start("cat", ["cat"])
    start = s.key("hello\n", "hello (cat)")
    s.expect_text(start, r"hello\r", 2)
    start = s.key("\x1a", "^Z (cat)")
    s.stopped(job)
    s.report(r"Stopped +cat", start)
    start = s.command("bg", "bg (cat)")
    s.report(r"Stopped.* +cat\r", start)
    s.command("jobs")
    s.start("fg", ["cat"], "fg (cat)")
    start = s.key("world\n", "world (cat)")
    s.expect_text(start, r"world\r", 2)
    s.key("\x04", "^D (cat)")
    s.gone(job)
    s.settle()

    # A pipeline stopped and resumed as one job.
    job = s.start("sleep 30 | cat", ["sleep", "cat"])
    start = s.key("\x1a", "^Z (pipeline)")
    s.stopped(job)
    s.report(r"Stopped +sleep 30 \| cat", start)
    s.command("jobs")
    s.command("bg", "bg (pipeline)")
    s.running(job)
    s.settle()
    start = s.command("kill -STOP %1", "kill -STOP %1 (pipeline)")
    s.stopped(job)
    s.report(r"Stopped +sleep 30 \| cat", start)
    s.start("fg", ["sleep", "cat"], "fg (pipeline)")
    s.key("\x03", "^C (pipeline)")
    s.gone(job)
    s.settle()

    # A program with its own SIGTSTP handler that stops itself with the default action (as vi
    # and less do), and a SIGCONT handler.
    start = len(s.raw)
    job = s.start("perl tstp_handler.pl", ["perl"])
    s.expect_text(start, r"ready\r")
    start = s.key("\x1a", "^Z (perl)")
    s.stopped(job)
    s.report(r"Stopped +perl tstp_handler.pl", start)
    start = len(s.raw)
    s.start("fg", ["perl"], "fg (perl)")
    # Up to the line's end: the tty writes "\r\n" after the text, and the echo of a key sent
    # in between would land inside the line (as "resumed^C").
    s.expect_text(start, r"tstp handler: resumed\r")
    s.key("\x03", "^C (perl)")
    s.gone(job)
    s.settle()

    # With tostop, a background job writing to the terminal stops on SIGTTOU; fg lets it write.
    s.command("stty tostop")
    start = s.command("echo written by a background job &")
    s.report(r"Stopped +echo written by a background job", start)
    start = s.command("fg", "fg (echo)")
    s.command("stty -tostop")

    # wait for a background job; then exit with a stopped job: the shell warns once, and the
    # second exit terminates the job.
    s.command("sleep 2 &")
    job = s.background_group(["sleep"])
    s.command("wait")
    s.gone(job)
    s.settle()
    s.command("jobs")
    s.command("sleep 30 &", "sleep 30 & (before exit)")
    job = s.background_group(["sleep"])
    start = s.command("kill -STOP %1", "kill -STOP %1 (before exit)")
    s.stopped(job)
    s.report(r"Stopped +sleep 30", start)
    start = s.command("exit", "exit (stopped jobs)")
    s.expect_text(start, r"There are stopped jobs")
    s.key("exit\n", "exit")


def normalize(raw):
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "")
    lines = []
    probing = False
    for line in text.split("\n"):
        line = line.replace(PROMPT, "$ ").rstrip()
        if line.startswith("$ "):
            probing = line.endswith(PROBE)
        if probing or line in ("", "$"):
            continue
        line = re.sub(r"^(\[\d+\]) \d+$", r"\1 PID", line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def main():
    args = sys.argv[1:]
    step_timeout, total_timeout = 60.0, 600.0
    while args and args[0] != "--":
        option, value = args[0], float(args[1])
        if option == "--step-timeout":
            step_timeout = value
        elif option == "--total-timeout":
            total_timeout = value
        else:
            sys.exit(f"job_control.py: unknown option {option}")
        args = args[2:]
    argv = args[1:]
    if not argv:
        sys.exit(__doc__)

    s = Session(argv, step_timeout)

    def overall_timeout(signum, frame):
        raise StepFailed(f"step {s.step!r}: the whole session took over {total_timeout} s")
    signal.signal(signal.SIGALRM, overall_timeout)
    signal.alarm(int(total_timeout))
    failure = None
    try:
        script(s)
        left = s.finish()
        if left:
            failure = f"processes left in the session after exit: {left}"
    except StepFailed as error:
        failure = str(error)
    finally:
        signal.alarm(0)
        s.kill_all()
    sys.stdout.write(normalize(s.raw))
    if os.environ.get("JOB_CONTROL_RAW"):
        with open(os.environ["JOB_CONTROL_RAW"], "wb") as f:
            f.write(s.raw)
    if s.status is not None:
        code = os.waitstatus_to_exitcode(s.status)
        sys.stdout.write(f"shell exit status {code}\n" if code >= 0 else f"shell killed by signal {-code}\n")
    if failure:
        tail = s.raw[-1500:].decode("utf-8", errors="replace")
        sys.stderr.write(f"job_control.py: {failure}\nraw transcript tail:\n{tail}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
