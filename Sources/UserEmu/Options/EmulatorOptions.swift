/// Everything the command line and the `QEMU_*` environment variables say, after parsing.
/// The guest's strings (program, arguments, argv[0], `-E`/`-U`) are exact bytes: they need not
/// be UTF-8.
public struct EmulatorOptions: Sendable {
    /// `-L` / QEMU_LD_PREFIX: where the guest's interpreter and absolute paths are looked up first.
    public var ldPrefix: String?
    /// `-s` / QEMU_STACK_SIZE: the guest stack size in bytes.
    public var stackSize: UInt64 = 8 << 20
    /// `-E` / QEMU_SET_ENV: variables set in the guest's environment.
    public var setEnvironment: [EnvironmentAssignment] = []
    /// `-U` / QEMU_UNSET_ENV: variables removed from the guest's environment.
    public var unsetEnvironment: [[UInt8]] = []
    /// `-0` / QEMU_ARGV0: the guest's argv[0] (default: the program path as given).
    public var argv0: [UInt8]?
    /// `-r` / QEMU_UNAME: the release string uname reports.
    public var unameRelease: String?
    /// `-cpu` / QEMU_CPU: the CPU model name (accepted; every model has the same features today).
    public var cpuModel: String?
    /// `-d` / QEMU_LOG: log items (`unimp`, `in_asm`, `op`, `exec`, `strace`...).
    public var logItems: Set<String> = []
    /// `-D` / QEMU_LOG_FILENAME: where logs go (default stderr).
    public var logFile: String?
    /// `-strace` / QEMU_STRACE.
    public var strace = false
    /// `-one-insn-per-tb` / QEMU_ONE_INSN_PER_TB.
    public var oneInstructionPerBlock = false
    /// `-seed` / QEMU_RAND_SEED: seed for the bytes of AT_RANDOM (and other emulator randomness).
    public var randomSeed: UInt64?
    /// `-B` / QEMU_GUEST_BASE: accepted for compatibility (the guest base is always chosen here).
    public var guestBase: UInt64?
    /// `-R` / QEMU_RESERVED_VA: accepted for compatibility.
    public var reservedVA: UInt64?
    /// `-interp` / SWIFT_QEMU_INTERP: run guest code with the IR interpreter instead of the JIT.
    public var useInterpreter = false
    /// `-jit-threshold` / SWIFT_QEMU_JIT_THRESHOLD: interpreted runs of a block before the JIT
    /// compiles it (`TranslationCache.compileThreshold`; 0 compiles every block at once).
    public var jitThreshold = EmulatorOptions.defaultJITThreshold
    /// The tiered JIT's default threshold (docs/jit.md, "Tiers").
    public static let defaultJITThreshold: UInt32 = 32
    /// `-perfmap` / SWIFT_QEMU_PERFMAP: write /tmp/perf-<pid>.map for translated blocks.
    public var writePerfMap = false
    /// binfmt_misc `O` flag: the program is read from this open descriptor (AT_EXECFD).
    public var executableDescriptor: Int32?
    /// `-reexec` (internal, not in the usage text): this emulator was started by a guest's
    /// execve (`ProcessExec`). The `-D` log is appended to, and QEMU_SET_ENV/QEMU_UNSET_ENV
    /// are not applied: the guest's execve envp is exactly the new program's environment.
    public var isReexec = false
    /// `-execfd N` (internal, not in the usage text): the program is read from descriptor N,
    /// which is closed before the guest starts; `program` is then only its name (AT_EXECFN,
    /// messages). A guest execve hands the program over this way (`ExecProgramHandoff`).
    public var programDescriptor: Int32?
    /// The guest program path (also AT_EXECFN) and its arguments (argv[1...]).
    public var program: [UInt8] = []
    public var programArguments: [[UInt8]] = []

    /// The program path as text, for messages.
    public var programDisplayPath: String { String(decoding: program, as: UTF8.self) }

    public init() {}
}
