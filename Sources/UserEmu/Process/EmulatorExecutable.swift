import Glibc

/// The emulator's own host executable, resolved at start-up before anything can change it
/// (a later chdir, chroot or the file being replaced), for re-exec of foreign programs.
public enum EmulatorExecutable {
    /// The path recorded by `recordPath` (nil before).
    nonisolated(unsafe) public private(set) static var path: String?

    /// Records the real path of /proc/self/exe; called first thing at start-up.
    public static func recordPath(fallback: String) {
        path = resolve(fallback: fallback)
    }

    /// The real path of /proc/self/exe, or `fallback` when it cannot be read.
    public static func resolve(fallback: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let n = readlink("/proc/self/exe", &buffer, 4096)
        guard n > 0 else { return fallback }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The options a re-exec of the emulator for a guest program passes on: everything that
    /// describes the emulated machine or how it is observed, for the whole process tree as
    /// qemu-user's binfmt children get it from QEMU_* variables (-L made absolute, -s, -cpu,
    /// -r, -B, -R, -d, -D made absolute, -strace, -one-insn-per-tb, -seed, -interp, -perfmap).
    /// Not -E/-U (the new program's environment is exactly the envp given to execve) and not
    /// -0 (the re-exec passes the new argv[0] itself). docs/processes.md lists each.
    public static func forwardedOptions(_ options: EmulatorOptions) -> [String] {
        var result: [String] = []
        if let prefix = options.ldPrefix { result += ["-L", absolute(prefix)] }
        if options.stackSize != EmulatorOptions().stackSize { result += ["-s", String(options.stackSize)] }
        if let cpu = options.cpuModel { result += ["-cpu", cpu] }
        if let release = options.unameRelease { result += ["-r", release] }
        if let base = options.guestBase { result += ["-B", "0x" + String(base, radix: 16)] }
        if let size = options.reservedVA { result += ["-R", String(size)] }
        if !options.logItems.isEmpty { result += ["-d", options.logItems.sorted().joined(separator: ",")] }
        if let file = options.logFile { result += ["-D", absolute(file)] }
        if options.strace { result.append("-strace") }
        if options.oneInstructionPerBlock { result.append("-one-insn-per-tb") }
        if let seed = options.randomSeed { result += ["-seed", String(seed)] }
        if options.useInterpreter { result.append("-interp") }
        if options.writePerfMap { result.append("-perfmap") }
        if options.jitThreshold != EmulatorOptions.defaultJITThreshold { result += ["-jit-threshold", String(options.jitThreshold)] }
        return result
    }

    /// `path` made absolute against the current directory (the guest may chdir before it execs).
    static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/"), !path.isEmpty else { return path }
        var buffer = [CChar](repeating: 0, count: 4097)
        guard getcwd(&buffer, 4096) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return cwd == "/" ? "/" + path : cwd + "/" + path
    }
}
