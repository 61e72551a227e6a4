/// The /proc files the emulator generates for the guest, because the host's would describe
/// the emulator (its mappings, its argv, its auxv, its name) instead of the guest.
public enum ProcFile: Equatable, Sendable {
    case maps, smaps, auxv, cmdline, environ, stat, status, comm
    /// `/proc/cpuinfo`, in the riscv64 kernel's format.
    case cpuinfo

    /// Names of the per-process files.
    static let perProcess: [String: ProcFile] = [
        "maps": .maps, "smaps": .smaps, "auxv": .auxv, "cmdline": .cmdline, "environ": .environ,
        "stat": .stat, "status": .status, "comm": .comm,
    ]

    /// The generated file a guest path names, nil for any other path. Recognized:
    /// `/proc/cpuinfo`, and `<file>` under `/proc/self/`, `/proc/thread-self/`,
    /// `/proc/<pid>/`, `/proc/<pid>/task/<tid>/` and `/proc/self/task/<tid>/` where pid is
    /// this process and tid one of its threads (`isOwnThread`).
    public static func classify(_ path: [UInt8], pid: Int, isOwnThread: (Int) -> Bool) -> ProcFile? {
        guard path.starts(with: "/proc/".utf8), let text = String(validating: path, as: UTF8.self) else { return nil }
        let parts = text.dropFirst(6).split(separator: "/", omittingEmptySubsequences: true)
        if parts.count == 1, parts[0] == "cpuinfo" { return .cpuinfo }
        guard parts.count == 2 || parts.count == 4, let file = perProcess[String(parts[parts.count - 1])] else { return nil }
        let owner = parts[0]
        let ownProcess = owner == "self" || owner == Substring(String(pid))
        if parts.count == 2 {
            guard ownProcess || owner == "thread-self" else { return nil }
            return file
        }
        guard ownProcess, parts[1] == "task", let tid = Int(parts[2]), isOwnThread(tid) else { return nil }
        return file
    }
}
