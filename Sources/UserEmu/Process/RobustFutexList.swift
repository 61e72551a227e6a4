import CSwiftQemu
import Translator

/// The kernel's robust-futex cleanup (exit_robust_list, kernel/futex/core.c) for a guest thread
/// that ends: every futex on the thread's robust list (set_robust_list) that it still owns gets
/// FUTEX_OWNER_DIED, and one waiter is woken, so a pthread mutex of type robust held by a dead
/// thread returns EOWNERDEAD to the next locker. The list is guest memory with guest pointers,
/// so the host kernel cannot walk it; qemu-user does not implement it at all.
///
/// Layout (64-bit): `struct robust_list_head { robust_list *next; long futex_offset;
/// robust_list *list_op_pending; }`; each entry's futex word is at entry + futex_offset.
enum RobustFutexList {
    static let ownerDied: UInt32 = 0x4000_0000
    static let waiters: UInt32 = 0x8000_0000
    static let tidMask: UInt32 = 0x3fff_ffff
    /// The kernel's ROBUST_LIST_LIMIT: protection against a circular list.
    static let limit = 2048

    /// Walks the list at `head` of thread `tid` in `space`.
    static func release(head: UInt64, tid: Int32, space: GuestAddressSpace) {
        guard head != 0,
              var entry = load(head, space),
              let offset = load(head + 8, space),
              let pending = load(head + 16, space) else { return }
        var count = 0
        // Bit 0 of an entry pointer marks a PI futex; the word is handled the same way here.
        while entry & ~1 != head && count < limit {
            let current = entry & ~1
            guard let next = load(current, space) else { return }
            if current != pending & ~1 { handleDeath(current &+ offset, tid: tid, space: space) }
            entry = next
            count += 1
        }
        if pending & ~1 != 0 { handleDeath((pending & ~1) &+ offset, tid: tid, space: space) }
    }

    /// handle_futex_death: when `tid` owns the futex word at `address`, mark it OWNER_DIED
    /// (keeping the waiters bit) and wake one waiter if there are any.
    private static func handleDeath(_ address: UInt64, tid: Int32, space: GuestAddressSpace) {
        guard address & 3 == 0, let word = space.hostPointer(address, count: 4, permission: PagePermission.write) else { return }
        while true {
            let value = word.load(as: UInt32.self)
            guard value & tidMask == UInt32(bitPattern: tid) else { return }
            let new = (value & waiters) | ownerDied
            if sq_atomic_cas32(word, value, new) == value {
                if value & waiters != 0 {
                    _ = sq_syscall6(202, Int(bitPattern: word), 1 /* FUTEX_WAKE */, 1, 0, 0, 0)
                }
                return
            }
        }
    }

    private static func load(_ address: UInt64, _ space: GuestAddressSpace) -> UInt64? {
        guard let pointer = space.hostPointer(address, count: 8, permission: PagePermission.read) else { return nil }
        return pointer.loadUnaligned(as: UInt64.self)
    }
}
