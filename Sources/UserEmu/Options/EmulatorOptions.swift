/// Everything the command line and the `QEMU_*` environment variables say, after parsing.
public struct EmulatorOptions: Sendable {
    /// `-L` / QEMU_LD_PREFIX: where the guest's interpreter and absolute paths are looked up first.
    public var ldPrefix: String?
    /// `-s` / QEMU_STACK_SIZE: the guest stack size in bytes.
    public var stackSize: UInt64 = 8 << 20
    /// `-E` / QEMU_SET_ENV: variables set in the guest's environment.
    public var setEnvironment: [(String, String)] = []
    /// `-U` / QEMU_UNSET_ENV: variables removed from the guest's environment.
    public var unsetEnvironment: [String] = []
    /// `-0` / QEMU_ARGV0: the guest's argv[0] (default: the program path as given).
    public var argv0: String?
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
    /// `-perfmap` / SWIFT_QEMU_PERFMAP: write /tmp/perf-<pid>.map for translated blocks.
    public var writePerfMap = false
    /// binfmt_misc `O` flag: the program is read from this open descriptor (AT_EXECFD).
    public var executableDescriptor: Int32?
    /// The guest program path and its arguments (argv[1...]).
    public var program: String = ""
    public var programArguments: [String] = []

    public init() {}
}
