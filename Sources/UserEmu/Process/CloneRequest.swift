import Glibc

/// A guest clone or clone3, decoded into the kernel's `kernel_clone_args` terms, and the way
/// the emulator carries it out: a host fork (with or without the vfork wait) or a thread.
struct CloneRequest {
    /// CLONE_* flags without the exit signal.
    var flags: UInt64
    /// The signal the parent gets when the child ends (SIGCHLD for fork).
    var exitSignal: UInt64
    /// The child's stack pointer (0: the parent's).
    var stack: UInt64 = 0
    /// CLONE_SETTLS: the child's thread pointer.
    var tls: UInt64 = 0
    /// CLONE_PARENT_SETTID: guest address receiving the child's pid in the parent.
    var parentTid: UInt64 = 0
    /// CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID: guest address in the child.
    var childTid: UInt64 = 0
    /// CLONE_PIDFD: guest address receiving the pidfd (an int).
    var pidfd: UInt64 = 0
    /// clone3 set_tid array and its length (only for the host clone3 path).
    var setTid: UInt64 = 0
    var setTidSize: UInt64 = 0
    /// clone3 CLONE_INTO_CGROUP descriptor.
    var cgroup: UInt64 = 0

    static let csignal: UInt64 = 0xff
    static let vm: UInt64 = 0x100
    static let fs: UInt64 = 0x200
    static let files: UInt64 = 0x400
    static let sighand: UInt64 = 0x800
    static let pidfdFlag: UInt64 = 0x1000
    static let vfork: UInt64 = 0x4000
    static let parent: UInt64 = 0x8000
    static let thread: UInt64 = 0x10000
    static let newns: UInt64 = 0x20000
    static let settls: UInt64 = 0x80000
    static let parentSettid: UInt64 = 0x100000
    static let childCleartid: UInt64 = 0x200000
    static let detached: UInt64 = 0x400000
    static let childSettid: UInt64 = 0x1000000
    static let newuser: UInt64 = 0x10000000
    static let clearSighand: UInt64 = 0x1_0000_0000
    static let intoCgroup: UInt64 = 0x2_0000_0000
    /// Flags the emulator carries out itself (memory, tids, TLS, pidfd, the vfork wait, the
    /// guest's signal handlers: the host's must survive, since the JIT's memory access relies on
    /// its SIGSEGV handler); every other flag (namespaces, CLONE_PARENT, CLONE_FILES, ...) goes
    /// to the host clone3.
    static let emulated: UInt64 = vm | vfork | settls | parentSettid | childCleartid | childSettid | pidfdFlag | detached
        | clearSighand

    /// How the request is carried out.
    enum Kind {
        /// A new process: host fork; `waitForExec` for vfork semantics.
        case process(waitForExec: Bool)
        /// A new thread in this address space (CLONE_VM without CLONE_VFORK, or CLONE_THREAD).
        case thread
    }

    /// Fork, vfork-like, or thread.
    var kind: Kind {
        if flags & Self.thread != 0 || (flags & Self.vm != 0 && flags & Self.vfork == 0) { return .thread }
        return .process(waitForExec: flags & Self.vfork != 0)
    }

    /// The kernel's flag checks (copy_process, clone3_args_valid); a positive errno or 0.
    func validate() -> Int32 {
        if flags & (Self.newns | Self.fs) == (Self.newns | Self.fs) { return EINVAL }
        if flags & (Self.newuser | Self.fs) == (Self.newuser | Self.fs) { return EINVAL }
        if flags & Self.thread != 0 && flags & Self.sighand == 0 { return EINVAL }
        if flags & Self.sighand != 0 && flags & Self.vm == 0 { return EINVAL }
        if flags & Self.pidfdFlag != 0 && flags & Self.detached != 0 { return EINVAL }
        if exitSignal > 64 { return EINVAL }
        return 0
    }

    /// Legacy clone with the guest's argument order (`abi`): flags, newsp, and three of
    /// parent_tid / tls / child_tid. The exit signal is the low byte of the flags; only the low
    /// 32 bits are flags. CLONE_PIDFD returns the pidfd through parent_tid, so it excludes
    /// CLONE_PARENT_SETTID.
    static func legacy(_ a: SyscallArgs, abi: GuestProcessABI) -> (CloneRequest?, Int32) {
        let args = [a.a0, a.a1, a.a2, a.a3, a.a4]
        let raw = a.a0 & 0xffff_ffff
        var request = CloneRequest(flags: raw & ~csignal, exitSignal: raw & csignal)
        request.stack = a.a1
        request.parentTid = a.a2
        request.tls = args[abi.cloneTLSArgument]
        request.childTid = args[abi.cloneChildTidArgument]
        if request.flags & pidfdFlag != 0 {
            if request.flags & parentSettid != 0 { return (nil, EINVAL) }
            request.pidfd = a.a2
        }
        let error = request.validate()
        return error == 0 ? (request, 0) : (nil, error)
    }

    /// clone3(struct clone_args *, size): the structure (64 bytes in version 0, up to 88) read
    /// from guest memory; as the kernel: size < 64 -EINVAL, > 4096 -E2BIG, unknown trailing
    /// bytes must be zero (-E2BIG), unreadable -EFAULT. The new stack pointer is stack +
    /// stack_size (the stack grows down).
    static func clone3(_ a: SyscallArgs, context: GuestProcessContext) -> (CloneRequest?, Int32) {
        let size = a.a1
        if size < 64 { return (nil, EINVAL) }
        if size > 4096 { return (nil, E2BIG) }
        guard let bytes = context.addressSpace.read(a.a0, count: Int(size)) else { return (nil, EFAULT) }
        if size > 88, bytes[88...].contains(where: { $0 != 0 }) { return (nil, E2BIG) }
        func field(_ index: Int) -> UInt64 {
            let offset = index * 8
            guard offset + 8 <= bytes.count else { return 0 }
            return bytes[offset..<(offset + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
        var request = CloneRequest(flags: field(0), exitSignal: field(4))
        request.pidfd = field(1)
        request.childTid = field(2)
        request.parentTid = field(3)
        let stack = field(5), stackSize = field(6)
        request.tls = field(7)
        request.setTid = field(8)
        request.setTidSize = field(9)
        request.cgroup = field(10)
        if request.exitSignal & ~csignal != 0 { return (nil, EINVAL) }
        if request.flags & ~(0xffff_ffff | clearSighand | intoCgroup) != 0 { return (nil, EINVAL) }
        if request.flags & csignal & ~0x80 != 0 { return (nil, EINVAL) }  // only CLONE_NEWTIME lives there
        if request.flags & (thread | parent) != 0 && request.exitSignal != 0 { return (nil, EINVAL) }
        if request.flags & (clearSighand | sighand) == (clearSighand | sighand) { return (nil, EINVAL) }
        if (request.setTid == 0) != (request.setTidSize == 0) || request.setTidSize > 32 { return (nil, EINVAL) }
        if stack == 0 {
            if stackSize != 0 { return (nil, EINVAL) }
        } else {
            if stackSize == 0 { return (nil, EINVAL) }
            request.stack = stack &+ stackSize
        }
        let error = request.validate()
        return error == 0 ? (request, 0) : (nil, error)
    }
}
