import CSwiftQemu
import Glibc

// Futexes. Guest memory is host memory inside the guest region and guest thread ids are host
// thread ids, so a guest futex is a host futex on the translated address: waits, wakes,
// requeues and PI locking all work across guest threads (and across processes for shared
// futexes) with no emulation.

extension SyscallDispatcher {
    /// Guest `futex` (98) -> host `futex` (202) on translated addresses.
    func sysFutex(_ a: SyscallArgs) -> Int64 {
        let op = a.a1.int32
        let command = op & 0x7f  // FUTEX_CMD_MASK: without FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME
        // The PI operations (LOCK_PI, UNLOCK_PI, TRYLOCK_PI, LOCK_PI2) let the kernel write the
        // word, WAKE_OP and the requeue-PI operations the second one: those are asked for
        // writable, so pages write-protected on the host (translated code, write tracking) are
        // prepared first (a read-only page gives EFAULT, as the kernel's write fault would).
        var writesWord = false, writesSecond = false
        switch command {
        case 6, 7, 8, 13: writesWord = true
        case 5, 11, 12: writesSecond = true
        default: break
        }
        guard let word = context.guestPointer(a.a0, 4, write: writesWord) else { return fail(EFAULT) }
        var timeoutOrValue2 = Int(bitPattern: UInt(a.a3))
        var secondWord = 0
        switch command {
        case 0, 9, 6, 11, 13:  // WAIT, WAIT_BITSET, LOCK_PI, WAIT_REQUEUE_PI, LOCK_PI2: a3 is a timespec pointer
            if a.a3 != 0 {
                guard let timeout = context.guestPointer(a.a3, 16, write: false) else { return fail(EFAULT) }
                timeoutOrValue2 = Int(bitPattern: timeout)
            }
        default:
            break  // a3 is a count (val2) or unused
        }
        switch command {
        case 3, 4, 5, 11, 12:  // REQUEUE, CMP_REQUEUE, WAKE_OP, WAIT_REQUEUE_PI, CMP_REQUEUE_PI
            guard let second = context.guestPointer(a.a4, 4, write: writesSecond) else { return fail(EFAULT) }
            secondWord = Int(bitPattern: second)
        default:
            break
        }
        // Through the safe-syscall window: a wait interrupted by a guest signal restarts.
        return Int64(sq_safe_syscall6(202, Int(bitPattern: word), Int(op), Int(truncatingIfNeeded: a.a2),
                                 timeoutOrValue2, secondWord, Int(truncatingIfNeeded: a.a5)))
    }
}
