import CSwiftQemu
/// What fork and exec need beyond the syscall arguments: the emulator's own executable and the
/// options a re-exec must pass on, the guest's clone ABI, the live register file (the child's
/// stack and thread pointers), and the emulator's per-process state to redo in a forked child.
/// Set up once by `Emulator.run`; nil in unit tests that build a bare context.
public final class GuestProcessControl {
    /// Real path of the emulator's host executable, read from /proc/self/exe at start-up.
    public let emulatorPath: String
    /// Options a re-exec passes to the emulator before `-0 argv0 -- program args`.
    public let forwardedOptions: [String]
    /// ELF e_machine of the guest (a program of this machine runs under the emulator).
    public let guestMachine: UInt16
    /// The guest's clone ABI.
    public let abi: GuestProcessABI
    /// Creates a guest thread for a thread clone (set up by `Emulator.run` with the guest's
    /// types: `GuestThreadSpawner`); returns the new tid or -errno.
    var spawnThread: ((CloneRequest, GuestThreadState) -> Int64)?
    /// Live guest threads of the process (the kernel's thread-group size), updated atomically.
    private let liveThreads: UnsafeMutablePointer<UInt32> = {
        let count = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
        count.initialize(to: 1)
        return count
    }()
    /// Called before a host fork; returns what to run in the child and in the parent after it,
    /// or a positive errno when the fork must fail (the JIT region copy could not be made).
    public var prepareFork: (() -> ForkContinuation)?
    /// In a child made by vfork or CLONE_VFORK: the write end of the pipe the parent waits on
    /// (O_CLOEXEC, so exec or exit releases the parent); -1 otherwise.
    var vforkReleaseDescriptor: Int32 = -1

    /// Counts a new guest thread.
    func threadStarted() { _ = sq_atomic_add32(liveThreads, 1) }

    /// Counts an ended guest thread; returns how many remain.
    func threadEnded() -> UInt32 { sq_atomic_add32(liveThreads, UInt32.max) &- 1 }

    /// In a forked child: only the forking thread exists.
    func resetThreadCountAfterFork() { liveThreads.pointee = 1 }

    /// Control data for a guest process.
    public init(emulatorPath: String, forwardedOptions: [String], guestMachine: UInt16, abi: GuestProcessABI) {
        self.emulatorPath = emulatorPath
        self.forwardedOptions = forwardedOptions
        self.guestMachine = guestMachine
        self.abi = abi
    }
}

/// What a fork preparation asks for: actions right after the fork in the child and the parent,
/// or the errno that makes the fork fail.
public struct ForkContinuation {
    /// Runs in the child before it returns to guest code.
    public var inChild: () -> Void
    /// Runs in the parent (also when the fork itself failed).
    public var inParent: () -> Void
    /// Positive errno: the preparation failed and the fork must not happen.
    public var error: Int32

    /// A continuation.
    public init(inChild: @escaping () -> Void = {}, inParent: @escaping () -> Void = {}, error: Int32 = 0) {
        self.inChild = inChild
        self.inParent = inParent
        self.error = error
    }
}
