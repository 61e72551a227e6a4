import Glibc
import SyscallTables

/// The guest syscalls the emulator deliberately does not implement, each with the errno it
/// returns and the reason (FEX's `NotImplemented` list). Every riscv64 number is either
/// handled by `SyscallDispatcher.dispatch` or listed here; `SyscallTableTests` checks that no
/// number is in neither or both. With `-d unimp` a call to one of them logs
/// `Unsupported syscall: <n> (<name>): <reason>`.
public enum NotImplementedSyscalls {
    /// One entry: the errno returned and why.
    public struct Entry: Sendable {
        /// The positive errno the guest receives.
        public let errno: Int32
        /// Why the call is not implemented (one line).
        public let reason: String
    }

    /// The table, keyed by guest syscall.
    public static let table: [RISCV64Syscall: Entry] = [
        // Tracing and restartable sequences.
        .ptrace: Entry(errno: EPERM, reason: "tracing a guest needs the guest register file and stops of the emulated CPU, not the host's"),
        .rseq: Entry(errno: ENOSYS, reason: "restartable sequences need the CPU loop to abort critical sections on preemption; glibc falls back when rseq is ENOSYS"),
        // Filters and tracing of the host process.
        .seccomp: Entry(errno: EINVAL, reason: "a guest BPF filter would see host (x86-64) syscall numbers and the emulator's own calls; refused like an unsupported mode"),
        .bpf: Entry(errno: ENOSYS, reason: "eBPF programs and maps carry host pointers and attach to the host kernel; not translated"),
        .perf_event_open: Entry(errno: ENOSYS, reason: "host counters would measure the emulator, not the guest's instructions"),
        .userfaultfd: Entry(errno: ENOSYS, reason: "fault events and UFFDIO ioctls carry addresses; the emulator's own accesses would fault too"),
        .io_uring_setup: Entry(errno: ENOSYS, reason: "submission entries in a shared ring carry guest pointers the kernel would use as host ones"),
        .io_uring_enter: Entry(errno: ENOSYS, reason: "io_uring is not translated (see io_uring_setup)"),
        .io_uring_register: Entry(errno: ENOSYS, reason: "io_uring is not translated (see io_uring_setup)"),
        // Kernel-level administration that makes no sense for a foreign guest.
        .kexec_load: Entry(errno: EPERM, reason: "would load a riscv64 kernel into the x86-64 host"),
        .kexec_file_load: Entry(errno: EPERM, reason: "would load a riscv64 kernel into the x86-64 host"),
        .init_module: Entry(errno: EPERM, reason: "a riscv64 kernel module cannot load into the x86-64 host kernel"),
        .finit_module: Entry(errno: EPERM, reason: "a riscv64 kernel module cannot load into the x86-64 host kernel"),
        .delete_module: Entry(errno: EPERM, reason: "would unload host kernel modules"),
        .reboot: Entry(errno: EPERM, reason: "would reboot the host; refused as for an unprivileged caller"),
        .nfsservctl: Entry(errno: ENOSYS, reason: "removed from Linux 3.1; the kernel returns ENOSYS too"),
        .lookup_dcookie: Entry(errno: ENOSYS, reason: "removed from Linux 6.10 (oprofile only); the host returns ENOSYS or EPERM"),
        .remap_file_pages: Entry(errno: ENOSYS, reason: "deprecated; needs page-granular file offsets in the guest mapping table"),
        // Keyrings: arguments differ per command.
        .add_key: Entry(errno: ENOSYS, reason: "keyring payloads not converted"),
        .request_key: Entry(errno: ENOSYS, reason: "keyring payloads not converted"),
        .keyctl: Entry(errno: ENOSYS, reason: "keyctl commands have per-command pointer arguments, not converted"),
        // NUMA page moves by address list.
        .move_pages: Entry(errno: ENOSYS, reason: "page-address arrays of other processes cannot be translated"),
    ]

    /// The entry for `call`, nil when the call is implemented.
    public static func entry(for call: RISCV64Syscall) -> Entry? { table[call] }
}

extension SyscallDispatcher {
    /// -errno for a listed not-implemented syscall, named with its reason by `-d unimp`.
    @inline(never)
    func notImplemented(_ call: RISCV64Syscall) -> Int64 {
        let entry = NotImplementedSyscalls.table[call] ?? NotImplementedSyscalls.Entry(errno: ENOSYS, reason: "not implemented")
        context.logUnimp("Unsupported syscall: \(call.rawValue) (\(call)): \(entry.reason)")
        return fail(entry.errno)
    }
}
