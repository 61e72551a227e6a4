"""Process-model workout for swift-qemu's Debian tests (Tests/GuestProgramTests/DebianScriptTests.swift).

Run twice on the same machine: by the riscv64 python3 of the Debian root under the emulator and by
the host's python3; the two outputs must be equal. So the output never shows pids, ports, times,
addresses or anything that differs between Python 3.11 and 3.13: only values, booleans and names.

Usage: python3 process_model.py [section ...]     (default: every section but threads)
Sections: subprocess spawn_error signal socket select fork asyncio threads
"""
import errno
import os
import queue
import select
import selectors
import signal
import socket
import struct
import subprocess
import sys
import threading
import time


def out(*args):
    # Flushed at once: fork must not duplicate buffered output, and the order with children's
    # output on the same stdout must be the order of the calls.
    print(*args, flush=True)


def sh(script, **kwargs):
    """Runs /bin/sh -c script (the root's dash under the emulator, the host's shell natively)."""
    return subprocess.run(["/bin/sh", "-c", script], **kwargs)


def section_subprocess():
    r = sh("echo hello from sh; echo to stderr >&2; exit 3", capture_output=True)
    out("run:", r.returncode, r.stdout, r.stderr)
    r = subprocess.run(["sh", "-c", 'read a b; echo "got $b $a"'], input=b"one two\n", stdout=subprocess.PIPE)
    out("stdin to child:", r.stdout, r.returncode)
    out("env:", subprocess.check_output(["sh", "-c", "echo $GREETING"], env={"GREETING": "hi", "PATH": "/usr/bin:/bin"}))
    out("cwd:", subprocess.check_output(["pwd"], cwd="/"))
    out("shell=True:", subprocess.check_output("echo a b c | wc -w", shell=True).strip())
    out("os.system:", os.waitstatus_to_exitcode(os.system("exit 5")))
    # A pipeline of two children connected by a pipe the parent made.
    p1 = subprocess.Popen(["sh", "-c", "printf 'pear\\napple\\nfig\\n'"], stdout=subprocess.PIPE)
    p2 = subprocess.Popen(["sort"], stdin=p1.stdout, stdout=subprocess.PIPE)
    p1.stdout.close()
    data = p2.communicate()[0]
    out("pipeline:", data, p1.wait(), p2.returncode)
    # Large output through communicate (poll loop over stdout and stderr).
    r = sh("i=0; while [ $i -lt 2000 ]; do echo line $i; echo err $i >&2; i=$((i+1)); done", capture_output=True)
    out("communicate:", len(r.stdout), len(r.stderr), r.stdout.splitlines()[-1], r.stderr.splitlines()[-1])
    # pass_fds: the child writes to an inherited descriptor.
    rfd, wfd = os.pipe()
    sh(f"echo through fd >&{wfd}", pass_fds=(wfd,))
    os.close(wfd)
    out("pass_fds:", os.read(rfd, 100))
    os.close(rfd)
    # close_fds (the default): the child does not see the parent's other descriptors.
    rfd, wfd = os.pipe()
    r = sh(f"echo x >&{wfd}", capture_output=True)
    out("close_fds:", r.returncode != 0)
    os.close(rfd); os.close(wfd)
    try:
        subprocess.run(["sleep", "20"], timeout=0.5)
        out("timeout: not raised")
    except subprocess.TimeoutExpired:
        out("timeout: expired, child killed")
    out("killed by signal:", sh("kill -TERM $$").returncode)
    try:
        subprocess.check_call(["sh", "-c", "exit 9"])
    except subprocess.CalledProcessError as e:
        out("check_call:", e.returncode)
    p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    p.stdin.write(b"x" * 100000)
    p.stdin.close()
    out("cat 100000 bytes:", len(p.stdout.read()), p.wait())


def section_spawn_error():
    # Python 3.13 spawns through glibc's posix_spawn when it can (CLONE_VM|CLONE_VFORK: the child
    # reports a failed exec by writing errno into the parent's memory); 3.11 through its own
    # fork_exec, which reports it through a pipe. Either way the parent sees the error.
    for argv in (["/nonexistent/program"], ["no-such-program-in-path"]):
        try:
            subprocess.run(argv)
            out("missing program: no error")
        except FileNotFoundError as e:
            out("missing program: FileNotFoundError", errno.errorcode[e.errno])
    try:
        pid = os.posix_spawn("/nonexistent/program", ["x"], {})
        out("os.posix_spawn of a missing program: no error, child", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
    except FileNotFoundError as e:
        out("os.posix_spawn of a missing program:", errno.errorcode[e.errno])
    pid = os.posix_spawnp("sh", ["sh", "-c", "exit 12"], {"PATH": "/usr/bin:/bin"})
    out("os.posix_spawnp:", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))


def section_signal():
    got = []
    old = signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
    out("default SIGUSR1 disposition:", old == signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGUSR1)
    out("SIGUSR1 handled:", got == [signal.SIGUSR1])
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)
    os.kill(os.getpid(), signal.SIGUSR1)
    out("SIGUSR1 ignored:", len(got) == 1)

    class Alarm(Exception):
        pass

    def raise_alarm(signum, frame):
        raise Alarm()

    # A handler that raises interrupts a long sleep.
    signal.signal(signal.SIGALRM, raise_alarm)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    start = time.monotonic()
    try:
        time.sleep(30)
        out("sleep: not interrupted")
    except Alarm:
        out("sleep interrupted by SIGALRM after less than 20 s:", time.monotonic() - start < 20)
    out("timer disarmed:", signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))

    # A handler that returns: the sleep is resumed (PEP 475) and lasts its whole time.
    ticks = []
    signal.signal(signal.SIGALRM, lambda s, f: ticks.append(s))
    signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
    start = time.monotonic()
    time.sleep(0.6)
    elapsed = time.monotonic() - start
    signal.setitimer(signal.ITIMER_REAL, 0)
    out("periodic timer: at least 3 ticks:", len(ticks) >= 3, "sleep completed:", elapsed >= 0.59)

    # A blocking pipe read interrupted by a handler that writes to the pipe: EINTR, then the
    # read is retried and finds the byte.
    rfd, wfd = os.pipe()
    signal.signal(signal.SIGALRM, lambda s, f: os.write(wfd, b"!"))
    signal.setitimer(signal.ITIMER_REAL, 0.1)
    out("read after interrupt:", os.read(rfd, 10))
    os.close(rfd); os.close(wfd)

    # alarm + pause.
    ticks.clear()
    signal.signal(signal.SIGALRM, lambda s, f: ticks.append(s))
    signal.alarm(1)
    signal.pause()
    out("pause returned after SIGALRM:", ticks == [signal.SIGALRM])

    # Blocked signals stay pending; sigwait takes them.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2})
    os.kill(os.getpid(), signal.SIGUSR2)
    out("pending:", sorted(signal.Signals(s).name for s in signal.sigpending()))
    out("sigwait:", signal.Signals(signal.sigwait({signal.SIGUSR2})).name)
    out("pending after sigwait:", sorted(signal.sigpending()))
    out("sigtimedwait timeout:", signal.sigtimedwait({signal.SIGUSR2}, 0.05))
    os.kill(os.getpid(), signal.SIGUSR2)
    info = signal.sigtimedwait({signal.SIGUSR2}, 5)
    out("sigtimedwait:", signal.Signals(info.si_signo).name, info.si_pid == os.getpid(), info.si_uid == os.getuid())
    got.clear()
    signal.signal(signal.SIGUSR2, lambda s, f: got.append(s))
    os.kill(os.getpid(), signal.SIGUSR2)
    out("handler while blocked:", got)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR2})
    out("handler after unblock:", [signal.Signals(s).name for s in got])

    # set_wakeup_fd: the C-level handler writes the signal number to a socket (asyncio's
    # mechanism); the peer reads it.
    a, b = socket.socketpair()
    a.setblocking(False)
    signal.set_wakeup_fd(a.fileno())
    os.kill(os.getpid(), signal.SIGUSR2)
    signal.set_wakeup_fd(-1)
    out("wakeup fd byte:", b.recv(10) == bytes([signal.SIGUSR2]))
    a.close(); b.close()

    # SIGCHLD and a child killed by a signal.
    chld = []
    signal.signal(signal.SIGCHLD, lambda s, f: chld.append(s))
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.close(rfd)
        os.write(wfd, b"ready")
        while True:
            signal.pause()
    os.close(wfd)
    os.read(rfd, 5)
    os.close(rfd)
    os.kill(pid, signal.SIGTERM)
    _, status = os.waitpid(pid, 0)
    for _ in range(200):
        if chld:
            break
        time.sleep(0.01)
    out("child killed:", os.WIFSIGNALED(status), signal.Signals(os.WTERMSIG(status)).name, "SIGCHLD:", chld == [signal.SIGCHLD])
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    out("strsignal:", signal.strsignal(signal.SIGINT), "valid_signals has SIGRTMAX:", signal.SIGRTMAX in signal.valid_signals())


def section_socket():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    host, port = srv.getsockname()
    out("tcp listening:", host, port > 0, "SO_REUSEADDR:", srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0,
        "SO_ACCEPTCONN:", srv.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
    cli = socket.create_connection(("127.0.0.1", port))
    conn, addr = srv.accept()
    out("accepted:", addr == cli.getsockname(), conn.getpeername() == cli.getsockname(), cli.getpeername() == (host, port))
    cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    out("TCP_NODELAY:", cli.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0,
        "SO_TYPE:", cli.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM,
        "SO_ERROR:", cli.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR),
        "SO_RCVBUF > 0:", cli.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) > 0)
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 5))
    out("SO_LINGER:", struct.unpack("ii", cli.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)))
    cli.sendall(b"ping " * 1000)
    received = b""
    while len(received) < 5000:
        received += conn.recv(65536)
    out("tcp received:", len(received), received[:10])
    conn.sendall(b"pong")
    out("tcp reply:", cli.recv(4))
    out("MSG_PEEK:", (conn.send(b"peek"), cli.recv(4, socket.MSG_PEEK), cli.recv(4)))
    conn.settimeout(0.2)
    try:
        conn.recv(10)
        out("timeout: no")
    except socket.timeout:
        out("recv timed out")
    conn.settimeout(None)
    try:
        conn.recv(10, socket.MSG_DONTWAIT)
    except BlockingIOError as e:
        out("MSG_DONTWAIT:", errno.errorcode[e.errno])
    cli.shutdown(socket.SHUT_WR)
    out("after shutdown:", conn.recv(10))
    f = conn.makefile("rwb")
    f.write(b"line one\nline two\n")
    f.flush()
    out("makefile lines:", cli.makefile("rb").readline())
    f.close()
    conn.close(); cli.close(); srv.close()
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5)
        out("connect to closed port: connected")
    except ConnectionRefusedError as e:
        out("connect to closed port:", errno.errorcode[e.errno])

    u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u1.bind(("127.0.0.1", 0))
    u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u2.bind(("127.0.0.1", 0))
    u2.sendto(b"datagram one", u1.getsockname())
    u2.sendto(b"two", u1.getsockname())
    data, addr = u1.recvfrom(100)
    out("udp:", data, addr == u2.getsockname())
    data, ancdata, flags, addr = u1.recvmsg(2)
    out("udp recvmsg truncated:", data, bool(flags & socket.MSG_TRUNC), addr == u2.getsockname())
    u1.connect(u2.getsockname())
    u1.send(b"back")
    out("udp connected:", u2.recv(100))
    u1.close(); u2.close()

    try:
        s6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s6.bind(("::1", 0))
        s6.listen(1)
        c6 = socket.create_connection(("::1", s6.getsockname()[1]))
        a6, _ = s6.accept()
        c6.sendall(b"six")
        out("ipv6:", a6.recv(3), "V6ONLY:", s6.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY))
        for s in (s6, c6, a6):
            s.close()
    except OSError as e:
        out("ipv6 unavailable:", errno.errorcode.get(e.errno))

    a, b = socket.socketpair()
    out("socketpair:", a.family == socket.AF_UNIX, a.type == socket.SOCK_STREAM)
    a.sendall(b"over the pair")
    out("socketpair data:", b.recv(100))
    cred = b.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    pid, uid, gid = struct.unpack("3i", cred)
    out("SO_PEERCRED:", pid == os.getpid(), uid == os.getuid(), gid == os.getgid())
    # SCM_RIGHTS: a pipe's read end crosses the socket.
    rfd, wfd = os.pipe()
    socket.send_fds(a, [b"fd"], [rfd])
    msg, fds, flags, _ = socket.recv_fds(b, 10, 4)
    os.write(wfd, b"via passed fd")
    out("SCM_RIGHTS:", msg, len(fds), os.read(fds[0], 100))
    for fd in fds + [rfd, wfd]:
        os.close(fd)
    a.close(); b.close()

    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    a.send(b"first"); a.send(b"second datagram")
    out("unix datagrams:", b.recv(100), b.recv(100))
    a.close(); b.close()

    # A UNIX stream socket with a path in the (fresh) working directory, and an abstract one.
    for name in ("unix.sock", b"\0swift-qemu-test-%d" % os.getpid()):
        us = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        us.bind(name)
        us.listen(1)
        uc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        uc.connect(name)
        ua, _ = us.accept()
        uc.sendall(b"unix stream")
        label = "path" if isinstance(name, str) else "abstract"
        out("unix", label + ":", ua.recv(100), us.getsockname() == name)
        for s in (us, uc, ua):
            s.close()
    os.unlink("unix.sock")
    out("getaddrinfo numeric:", socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM)[0][4])
    out("inet_pton:", socket.inet_pton(socket.AF_INET6, "::1").hex(), socket.inet_ntoa(b"\x7f\x00\x00\x01"))


def section_select():
    rfd, wfd = os.pipe()
    r, w, x = select.select([rfd], [wfd], [], 0)
    out("select empty pipe:", r == [], w == [wfd])
    os.write(wfd, b"x")
    r, w, x = select.select([rfd], [], [], 5)
    out("select readable:", r == [rfd])
    start = time.monotonic()
    os.read(rfd, 1)
    r, w, x = select.select([rfd], [], [], 0.1)
    out("select timeout:", r == [], time.monotonic() - start >= 0.09)

    p = select.poll()
    p.register(rfd, select.POLLIN)
    p.register(wfd, select.POLLOUT)
    out("poll:", sorted(p.poll(0)) == [(wfd, select.POLLOUT)])
    os.write(wfd, b"y")
    out("poll readable:", sorted(p.poll(1000)) == sorted([(rfd, select.POLLIN), (wfd, select.POLLOUT)]))
    os.read(rfd, 1)
    os.close(wfd)
    p.unregister(wfd)
    out("poll hangup:", p.poll(1000) == [(rfd, select.POLLHUP)])
    os.close(rfd)
    bad = select.poll()
    bad.register(rfd, select.POLLIN)
    out("poll closed fd:", bad.poll(0) == [(rfd, select.POLLNVAL)])
    try:
        select.select([rfd], [], [], 0)
    except OSError as e:
        out("select closed fd:", errno.errorcode[e.errno])

    rfd, wfd = os.pipe()
    ep = select.epoll()
    ep.register(rfd, select.EPOLLIN)
    out("epoll nothing:", ep.poll(0))
    os.write(wfd, b"z")
    out("epoll ready:", ep.poll(1) == [(rfd, select.EPOLLIN)])
    ep.modify(rfd, select.EPOLLIN | select.EPOLLET)
    out("epoll edge:", ep.poll(0) == [(rfd, select.EPOLLIN)], ep.poll(0))
    ep.unregister(rfd)
    ep.close()
    os.close(rfd); os.close(wfd)

    # selectors (epoll) driving a non-blocking echo of 300 000 bytes through a socketpair.
    sel = selectors.DefaultSelector()
    out("selector:", type(sel).__name__)
    a, b = socket.socketpair()
    a.setblocking(False); b.setblocking(False)
    payload = bytes(range(256)) * 1172
    sent = 0
    echoed = bytearray()
    pending = bytearray()
    received = bytearray()
    sel.register(a, selectors.EVENT_READ | selectors.EVENT_WRITE, "a")
    sel.register(b, selectors.EVENT_READ, "b")
    rounds = 0
    while len(received) < len(payload):
        rounds += 1
        for key, events in sel.select(timeout=5):
            if key.data == "a":
                if events & selectors.EVENT_WRITE:
                    if sent < len(payload):
                        sent += a.send(payload[sent:sent + 65536])
                    else:
                        sel.modify(a, selectors.EVENT_READ, "a")
                if events & selectors.EVENT_READ:
                    received += a.recv(65536)
            else:
                chunk = b.recv(65536)
                pending += chunk
                while pending:
                    try:
                        n = b.send(pending)
                    except BlockingIOError:
                        break
                    del pending[:n]
        if rounds > 100000:
            break
    out("selector echo:", len(received), bytes(received) == payload)
    sel.close()
    a.close(); b.close()
    out("pipe with select.PIPE_BUF:", select.PIPE_BUF)


def section_fork():
    rfd, wfd = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        os.write(wfd, b"child says hi, parent ok: %d" % (os.getppid() == parent))
        os._exit(7)
    os.close(wfd)
    data = b""
    while chunk := os.read(rfd, 100):
        data += chunk
    os.close(rfd)
    wpid, status = os.waitpid(pid, 0)
    out("fork:", data, wpid == pid, os.WIFEXITED(status), os.WEXITSTATUS(status))

    pids = []
    for i in range(5):
        pid = os.fork()
        if pid == 0:
            os._exit(10 + i)
        pids.append(pid)
    statuses = []
    for _ in pids:
        wpid, status = os.wait()
        statuses.append((pids.index(wpid), os.waitstatus_to_exitcode(status)))
    out("five children:", sorted(statuses))
    try:
        os.wait()
    except ChildProcessError as e:
        out("no children:", errno.errorcode[e.errno])

    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        os.write(wfd, b"r")
        time.sleep(30)
        os._exit(0)
    os.close(wfd)
    os.read(rfd, 1)
    os.close(rfd)
    out("WNOHANG while running:", os.waitpid(pid, os.WNOHANG))
    os.kill(pid, signal.SIGKILL)
    wpid, status, rusage = os.wait4(pid, 0)
    out("killed:", os.WIFSIGNALED(status), os.WTERMSIG(status), os.waitstatus_to_exitcode(status), rusage.ru_maxrss >= 0)

    pid = os.fork()
    if pid == 0:
        os.execv("/bin/sh", ["sh", "-c", "exit 4"])
    out("exec in child:", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

    pid = os.fork()
    if pid == 0:
        os.abort()
    _, status = os.waitpid(pid, 0)
    out("abort in child:", signal.Signals(os.WTERMSIG(status)).name)

    # A forked child inherits the parent's memory copy-on-write and descriptors.
    value = [1, 2, 3]
    pid = os.fork()
    if pid == 0:
        value.append(4)
        os._exit(len(value))
    out("copy-on-write:", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), len(value))

    pid = os.fork()
    if pid == 0:
        time.sleep(0.2)
        os._exit(3)
    pidfd = os.pidfd_open(pid)
    r, _, _ = select.select([pidfd], [], [], 10)
    out("pidfd readable at exit:", r == [pidfd], os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
    os.close(pidfd)

    pid = os.fork()
    if pid == 0:
        time.sleep(0.2)
        os._exit(6)
    out("waitid WNOHANG while running:", os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG))
    si = os.waitid(os.P_PID, pid, os.WEXITED)
    out("waitid:", si.si_pid == pid, si.si_code == os.CLD_EXITED, si.si_status, si.si_signo == signal.SIGCHLD)


def section_asyncio():
    import asyncio

    async def handle(reader, writer):
        line = await reader.readline()
        writer.write(line.upper())
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        replies = []
        for word in (b"alpha", b"beta"):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(word + b"\n")
            await writer.drain()
            replies.append(await reader.readline())
            writer.close()
            await writer.wait_closed()
        server.close()
        await server.wait_closed()
        out("asyncio echo:", replies)
        loop = asyncio.get_running_loop()
        got = asyncio.Event()
        loop.add_signal_handler(signal.SIGUSR1, got.set)
        os.kill(os.getpid(), signal.SIGUSR1)
        await asyncio.wait_for(got.wait(), 10)
        loop.remove_signal_handler(signal.SIGUSR1)
        out("asyncio signal handler:", got.is_set())
        results = await asyncio.gather(*(asyncio.sleep(0.01 * i, result=i) for i in range(5)))
        out("asyncio gather:", results)

    asyncio.run(main())


def section_threads():
    lock = threading.Lock()
    counter = [0]

    def add(n):
        for _ in range(n):
            with lock:
                counter[0] += 1

    workers = [threading.Thread(target=add, args=(2000,)) for _ in range(4)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    out("locked counter:", counter[0])

    q = queue.Queue(maxsize=3)
    results = queue.Queue()

    def consumer():
        while (item := q.get()) is not None:
            results.put(item * item)
        q.task_done()

    consumers = [threading.Thread(target=consumer) for _ in range(3)]
    for t in consumers:
        t.start()
    for i in range(30):
        q.put(i)
    for _ in consumers:
        q.put(None)
    for t in consumers:
        t.join()
    out("queue:", sum(results.get() for _ in range(30)), results.empty())

    ready = threading.Event()
    go = threading.Event()
    seen = []
    cond = threading.Condition()

    def waiter():
        ready.set()
        go.wait()
        with cond:
            seen.append("woken")
            cond.notify()

    t = threading.Thread(target=waiter)
    t.start()
    ready.wait()
    with cond:
        go.set()
        cond.wait_for(lambda: seen, timeout=10)
    t.join()
    out("event and condition:", seen)

    local = threading.local()
    local.value = "main"
    names = []

    def tls(i):
        local.value = i
        time.sleep(0.01)
        names.append(local.value == i)

    ts = [threading.Thread(target=tls, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out("thread-local:", names == [True] * 4, local.value)

    barrier = threading.Barrier(3)
    ids = []

    def at_barrier():
        barrier.wait(timeout=10)
        ids.append(threading.get_native_id())

    ts = [threading.Thread(target=at_barrier) for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out("barrier:", len(ids), len(set(ids)) == 3, threading.get_native_id() not in ids)

    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=3) as pool:
        out("thread pool:", list(pool.map(lambda x: x * 3, range(8))))

    # A timer signal is delivered to the main thread while other threads run.
    ticks = []
    signal.signal(signal.SIGALRM, lambda s, f: ticks.append(threading.current_thread() is threading.main_thread()))
    stop = threading.Event()
    spinners = [threading.Thread(target=lambda: [None for _ in iter(lambda: stop.wait(0.001), True)]) for _ in range(2)]
    for t in spinners:
        t.start()
    signal.setitimer(signal.ITIMER_REAL, 0.02, 0.02)
    deadline = time.monotonic() + 20
    while len(ticks) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    signal.setitimer(signal.ITIMER_REAL, 0)
    stop.set()
    for t in spinners:
        t.join()
    out("signals with threads:", len(ticks) >= 5, all(ticks))

    # subprocess and a socket server from threads.
    outputs = []

    def run_child(i):
        outputs.append(subprocess.run(["sh", "-c", f"echo child {i}"], capture_output=True).stdout)

    ts = [threading.Thread(target=run_child, args=(i,)) for i in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out("subprocess from threads:", sorted(outputs))

    srv = socket.create_server(("127.0.0.1", 0))
    port = srv.getsockname()[1]

    def serve():
        conn, _ = srv.accept()
        with conn:
            conn.sendall(conn.recv(100)[::-1])

    t = threading.Thread(target=serve)
    t.start()
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(b"threaded server")
        reply = b""
        while len(reply) < 15:
            reply += c.recv(100)
    t.join()
    srv.close()
    out("threaded server:", reply)
    out("active threads:", threading.active_count())


SECTIONS = {
    "subprocess": section_subprocess,
    "spawn_error": section_spawn_error,
    "signal": section_signal,
    "socket": section_socket,
    "select": section_select,
    "fork": section_fork,
    "asyncio": section_asyncio,
    "threads": section_threads,
}

if __name__ == "__main__":
    for name in sys.argv[1:] or [n for n in SECTIONS if n != "threads"]:
        out("==", name)
        SECTIONS[name]()
    out("== done")
