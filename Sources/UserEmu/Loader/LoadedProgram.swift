/// Where the loader put a guest program, and what the CPU loop, /proc and prctl need from it.
public struct LoadedProgram: Sendable {
    /// The first guest pc: the interpreter's entry when there is one, else the program's.
    public var entry: UInt64
    /// The initial sp (points at argc).
    public var stackPointer: UInt64
    /// The program's own entry point (AT_ENTRY), load bias applied.
    public var programEntry: UInt64
    /// The program's load bias (0 for ET_EXEC).
    public var loadBias: UInt64
    /// The interpreter's load bias (AT_BASE), 0 for static programs.
    public var interpreterBase: UInt64
    /// The interpreter's entry point, nil for static programs.
    public var interpreterEntry: UInt64?
    /// The host path the interpreter was opened from (after the `-L` prefix), nil when none.
    public var interpreterPath: String?
    /// AT_PHDR, AT_PHENT, AT_PHNUM.
    public var programHeaderAddress: UInt64
    public var programHeaderEntrySize: UInt64
    public var programHeaderCount: UInt64
    /// Where the heap starts (page-aligned end of the program's highest segment).
    public var breakStart: UInt64
    /// mm->start_code / end_code / start_data / end_data, as the kernel computes them.
    public var startCode: UInt64
    public var endCode: UInt64
    public var startData: UInt64
    public var endData: UInt64
    /// The stack mapping `[stackLimit, stackTop)`.
    public var stackTop: UInt64
    public var stackLimit: UInt64
    /// Whether the stack was mapped executable (PT_GNU_STACK).
    public var executableStack: Bool
    /// The argv and envp string areas (for /proc/self/cmdline and /proc/self/environ).
    public var argStart: UInt64
    public var argEnd: UInt64
    public var envStart: UInt64
    public var envEnd: UInt64
    /// The auxiliary vector as written (AT_NULL included) and its address (for /proc/self/auxv).
    public var auxv: [AuxEntry]
    public var auxvAddress: UInt64
    /// The execfn string (AT_EXECFN): the program path as given (exact bytes).
    public var execPath: [UInt8]
    /// Absolute host path of the program (what /proc/self/exe names).
    public var executablePath: String
}
