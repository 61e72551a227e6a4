/// The less common inputs of `ProgramLoader.load`, with the kernel's defaults.
public struct ProgramLoadOptions: Sendable {
    /// Size of the stack mapping (`-s`, default 8 MiB like RLIMIT_STACK).
    public var stackSize: UInt64 = 8 << 20
    /// binfmt_misc `P` flag: argv[0] was preserved; sets AT_FLAGS bit 0.
    public var preserveArgv0 = false
    /// binfmt_misc `O` flag: the program is read from this open descriptor (kept open and
    /// passed to the guest as AT_EXECFD) instead of from `path`.
    public var executableDescriptor: Int32?
    /// AT_SECURE (binfmt_misc `C` flag with a setuid program).
    public var secure = false
    /// The 16 AT_RANDOM bytes (derived from `-seed`); nil takes them from getrandom.
    public var randomBytes: [UInt8]?
    /// The execfn string (AT_EXECFN, exact bytes); nil uses the `path` given to `load`.
    public var execFn: [UInt8]?
    /// Address of a mapped vDSO (AT_SYSINFO_EHDR); nil when there is none.
    public var vdsoBase: UInt64?
    /// AT_RSEQ_FEATURE_SIZE and AT_RSEQ_ALIGN, to be given only when the rseq syscall is
    /// emulated (Linux 6.3+ always gives them; glibc then registers rseq).
    public var rseqFeatureSize: UInt64?
    public var rseqAlign: UInt64?

    /// The defaults.
    public init() {}
}
