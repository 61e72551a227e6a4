import Glibc
import Translator

/// The writes a vfork child makes to memory it shares with its parent on Linux (CLONE_VM), handed
/// to the parent, which the host fork gave a separate copy (docs/processes.md, "vfork").
///
/// The child tracks writes to the private writable pages it inherited (`startWriteTracking`:
/// the pages are write-protected on the host, and the first write to each records its bytes,
/// `PageWriteTracker`). Before each exec attempt and when the process ends, the bytes that
/// changed since the last report are sent down the vfork channel (`VforkRelease`) as records:
/// an 8-byte little-endian guest address, a 4-byte little-endian length, the bytes. The parent
/// reads until end-of-file and writes each record into its memory through the address space's
/// checked write (so a page it made read-only or unmapped meanwhile is skipped, and its own
/// translated code is invalidated). Only bytes the child changed are written: other threads of
/// the parent, which keep running, lose nothing on the same pages.
enum VforkWriteBack {
    /// Bytes before each record's data.
    static let headerSize = 12

    /// In a vfork child: starts tracking, and makes the end of the process (exit, exit_group,
    /// a fatal signal) send the writes. Terminating signals left at SIG_DFL get the host handler
    /// meanwhile, so that such a death goes through the emulator too (the host kernel would end
    /// the process at once); SIGKILL still does.
    static func begin(context: GuestProcessContext, control: GuestProcessControl) {
        let space = context.addressSpace
        space.startWriteTracking()
        HostTermination.beforeEnd = { [unowned control] in send(from: space, control: control) }
        HostSignalMirror.handleTerminatingDefaults(true, actions: context.signals.actions)
    }

    /// In a child of a plain fork: a vfork child's tracking inherited from the parent ends (no
    /// one waits for this process's writes).
    static func end(context: GuestProcessContext) {
        guard PageWriteTracker.tracker(for: context.addressSpace.memory) != nil else { return }
        context.addressSpace.stopWriteTracking()
        HostTermination.beforeEnd = nil
        HostSignalMirror.handleTerminatingDefaults(false, actions: context.signals.actions)
    }

    /// Sends the writes since the last report when this process is a vfork child whose parent
    /// still waits (nothing otherwise).
    static func send(from space: GuestAddressSpace, control: GuestProcessControl) {
        let descriptor = control.vforkReleaseDescriptor
        guard descriptor >= 0 else { return }
        let records = encode(space)
        if !records.isEmpty {
            // A parent that is gone (-EPIPE) needs nothing.
            _ = records.withUnsafeBytes { hostSendAll(descriptor, $0) }
        }
    }

    /// The tracked writes since the last call, as records.
    static func encode(_ space: GuestAddressSpace) -> [UInt8] {
        var records: [UInt8] = []
        space.takeTrackedWrites { address, bytes in
            withUnsafeBytes(of: address.littleEndian) { records += $0 }
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { records += $0 }
            records += bytes
        }
        return records
    }

    /// In the parent: writes each complete record of `stream` into `space` (a truncated last
    /// record, from a child killed while sending, is dropped).
    static func apply(_ stream: [UInt8], to space: GuestAddressSpace) {
        stream.withUnsafeBytes { raw in
            var offset = 0
            while raw.count - offset >= headerSize {
                let address = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)))
                offset += headerSize
                guard length <= raw.count - offset else { return }
                _ = space.write(address, from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length]))
                offset += length
            }
        }
    }
}

extension SyscallDispatcher {
    /// Before an exec attempt: a vfork child hands its writes so far to its parent (a successful
    /// exec then releases the parent; after a failed one the child runs on and reports again).
    func sendVforkWrites() {
        guard let control = context.process else { return }
        VforkWriteBack.send(from: context.addressSpace, control: control)
    }
}
