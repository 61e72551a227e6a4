import Foundation
import Glibc

/// How a child process ended: a normal exit with a status, or death by a signal.
enum Termination: Equatable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    var description: String {
        switch self {
        case .exited(let status): return "exit status \(status)"
        case .signaled(let signal): return "killed by signal \(signal) (\(signalName(signal)))"
        }
    }
}

/// Name of a host signal number, for messages ("SIGSEGV").
func signalName(_ signal: Int32) -> String {
    let names: [Int32: String] = [SIGABRT: "SIGABRT", SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGILL: "SIGILL",
                                  SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGTRAP: "SIGTRAP",
                                  SIGUSR1: "SIGUSR1", SIGUSR2: "SIGUSR2", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM"]
    return names[signal] ?? "signal \(signal)"
}

/// Everything one process run produced.
struct ProcessResult {
    /// Bytes written to standard output.
    var stdout: [UInt8]
    /// Bytes written to standard error.
    var stderr: [UInt8]
    /// Exit status or terminating signal.
    var termination: Termination
    /// True when the run hit the timeout and was killed by the harness.
    var timedOut: Bool
}

/// What to run: argv (argv[0] is the executable path), environment, stdin bytes and working directory.
struct ProcessRequest {
    var argv: [String]
    var environment: [String]
    var stdin: [UInt8] = []
    var workingDirectory: String
    var timeoutSeconds: Double = 120
    /// Starts the child as the leader of a new process group and, at the timeout, kills the whole
    /// group (for programs that start children of their own, such as a test suite).
    var ownProcessGroup = false
}

/// Errors from starting a process.
struct SpawnError: Error, CustomStringConvertible {
    var description: String
}

/// Runs processes with posix_spawn through Glibc: stdin from a pipe pre-filled with the request's
/// bytes (kept under the pipe capacity), stdout and stderr drained with poll, a hard timeout with
/// SIGKILL, and the exact exit status or terminating signal from waitpid.
enum ProcessRunner {
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc ≥ 2.29 has posix_spawn_file_actions_addchdir_np, but the Glibc module does not export it.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// Serialises descriptor creation and posix_spawn across concurrently running tests.
    private static let spawnLock = NSLock()

    /// Core dumps of guests killed by SIGSEGV/SIGABRT would only cost time: disable them once.
    private static let coreDumpsDisabled: Bool = {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        let resource = __rlimit_resource_t(RLIMIT_CORE.rawValue)
        getrlimit(resource, &limit)
        limit.rlim_cur = 0
        return setrlimit(resource, &limit) == 0
    }()

    /// Runs `request` to completion (or until its timeout) and returns what it produced.
    static func run(_ request: ProcessRequest) throws -> ProcessResult {
        _ = coreDumpsDisabled
        guard request.stdin.count < 60_000 else { throw SpawnError(description: "stdin larger than a pipe buffer") }
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        // pipe2 is not exported by the Glibc module: pipe + FD_CLOEXEC, under spawnLock so that no
        // concurrent posix_spawn inherits these descriptors before they are marked close-on-exec.
        spawnLock.lock()
        guard pipe(&inPipe) == 0, pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            spawnLock.unlock()
            throw SpawnError(description: "pipe failed: errno \(errno)")
        }
        for fd in inPipe + outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        spawnLock.unlock()
        // Fill stdin before the child starts; the data fits in the pipe, so this never blocks.
        var written = 0
        while written < request.stdin.count {
            let n = request.stdin[written...].withUnsafeBytes { write(inPipe[1], $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw SpawnError(description: "write to stdin pipe: errno \(errno)") }
            written += n
        }
        close(inPipe[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        guard let addChdir else { throw SpawnError(description: "posix_spawn_file_actions_addchdir_np unavailable (glibc < 2.29)") }
        _ = addChdir(&actions, request.workingDirectory)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default dispositions and an empty mask, whatever the test runner uses.
        var all = sigset_t(); sigfillset(&all)
        var none = sigset_t(); sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if request.ownProcessGroup {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = request.argv.map { strdup($0) } + [nil]
        let envp = request.environment.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        spawnLock.lock()
        let rc = posix_spawn(&pid, request.argv[0], &actions, &attributes, argv, envp)
        spawnLock.unlock()
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        if rc != 0 {
            close(outPipe[0]); close(errPipe[0])
            throw SpawnError(description: "posix_spawn \(request.argv[0]): \(String(cString: strerror(rc)))")
        }

        var out: [UInt8] = [], err: [UInt8] = []
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0), pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)]
        let deadline = monotonicSeconds() + request.timeoutSeconds
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while fds.contains(where: { $0.fd >= 0 }) {
            let remaining = deadline - monotonicSeconds()
            if remaining <= 0 { timedOut = true; kill(request.ownProcessGroup ? -pid : pid, SIGKILL); break }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining, 1.0) * 1000) + 1)
            if ready < 0 { if errno == EINTR { continue }; break }
            for i in fds.indices where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if i == 0 { out += buffer[0..<n] } else { err += buffer[0..<n] }
                } else if n == 0 || errno != EINTR {
                    close(fds[i].fd); fds[i].fd = -1
                }
            }
        }
        for f in fds where f.fd >= 0 { close(f.fd) }

        var status: Int32 = 0
        while true {
            if waitpid(pid, &status, timedOut ? 0 : WNOHANG) == pid { break }
            if !timedOut {
                // Output closed but the process lingers (e.g. it closed its stdout): wait up to the deadline.
                if monotonicSeconds() > deadline { timedOut = true; kill(request.ownProcessGroup ? -pid : pid, SIGKILL) } else { usleep(2000) }
            }
        }
        let low = status & 0x7f
        let termination: Termination = low == 0 ? .exited((status >> 8) & 0xff) : .signaled(low)
        return ProcessResult(stdout: out, stderr: err, termination: termination, timedOut: timedOut)
    }

    private static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
