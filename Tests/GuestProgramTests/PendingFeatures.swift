/// Emulator features that guest programs need but that have not landed yet. A program whose header
/// says `//! pending: <feature>` for a feature listed here runs inside `withKnownIssue`, so its
/// failure is reported but does not fail the suite; once it passes nothing is recorded either
/// (intermittent). Remove a feature from this list when it lands: its programs then must pass.
enum PendingFeatures {
    /// The features still missing from swift-qemu-riscv64. "vfork-shared-memory": the child of
    /// CLONE_VM|CLONE_VFORK writes into the parent's memory (glibc's posix_spawn reports a failed
    /// exec that way); the emulated vfork is a fork (docs/processes.md).
    /// "byte-exact-argv-env": argv and environment bytes that are not UTF-8 reach the guest (and
    /// a re-executed guest) unchanged.
    static let pending: Set<String> = ["vfork-shared-memory", "byte-exact-argv-env"]

    /// Whether `program` needs a pending feature (never for an outside emulator such as qemu-riscv64).
    static func isPending(_ program: GuestProgram) -> Bool {
        !TestEnvironment.usesOverrideEmulator && program.pendingFeatures.contains { pending.contains($0) }
    }
}
