import Translator

/// The page holding the guest's signal return code. The kernel returns from a handler through
/// its vDSO's `__vdso_rt_sigreturn`; the emulator maps one read-execute page with the same
/// instructions (shown as `[vdso]` in /proc/self/maps) and points the handler's return
/// address at it. No ELF vDSO image is mapped and AT_SYSINFO_EHDR is not set, so the guest's
/// libc makes real syscalls for the clock calls.
enum SignalTrampoline {
    /// Maps the page with `code` at its start; returns its guest address, or nil when the
    /// address space has no room.
    static func map(_ code: [UInt8], into space: GuestAddressSpace) -> UInt64? {
        let page = GuestMemory.pageSize
        let result = space.locked {
            space.mapLocked(address: 0, length: page, protection: MemoryABI.Prot.read | MemoryABI.Prot.write,
                            flags: MemoryABI.Map.private | MemoryABI.Map.anonymous, fd: -1, offset: 0, kind: .vdso)
        }
        guard result >= 0 else { return nil }
        let address = UInt64(result)
        guard space.write(address, code),
              space.protect(address: address, length: page, protection: MemoryABI.Prot.read | MemoryABI.Prot.exec) == 0
        else { return nil }
        return address
    }
}
