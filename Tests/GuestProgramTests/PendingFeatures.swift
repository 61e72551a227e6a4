/// Emulator features that guest programs need but that have not landed yet. A program whose header
/// says `//! pending: <feature>` for a feature listed here runs inside `withKnownIssue`, so its
/// failure is reported but does not fail the suite; once it passes nothing is recorded either
/// (intermittent). Remove a feature from this list when it lands: its programs then must pass.
enum PendingFeatures {
    /// The features still missing from swift-qemu-riscv64 (none today).
    static let pending: Set<String> = []

    /// Whether `program` needs a pending feature (never for an outside emulator such as qemu-riscv64).
    static func isPending(_ program: GuestProgram) -> Bool {
        !TestEnvironment.usesOverrideEmulator && program.pendingFeatures.contains { pending.contains($0) }
    }
}
