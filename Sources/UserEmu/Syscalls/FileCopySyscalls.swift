import Glibc

// In-kernel copies between descriptors (sendfile, copy_file_range, splice, tee) and positional
// vectored I/O (preadv, pwritev and their *2 forms). The loff_t offset pointers are u64 on both
// sides and the host kernel updates them in guest memory directly.

extension SyscallDispatcher {
    /// Guest `sendfile` (71) -> host `sendfile`; the offset pointer may be NULL (use and move
    /// the file position).
    func sysSendfile(_ a: SyscallArgs) -> Int64 {
        guard let offset = context.optionalGuestPointer(a.a2, 8, write: true) else { return fail(EFAULT) }
        return Int64(hostSendfile(a.a0.int32, a.a1.int32, offset, a.a3.int))
    }

    /// Guest `copy_file_range` (285) -> host `copy_file_range`.
    func sysCopyFileRange(_ a: SyscallArgs) -> Int64 {
        guard let inOffset = context.optionalGuestPointer(a.a1, 8, write: true),
              let outOffset = context.optionalGuestPointer(a.a3, 8, write: true) else { return fail(EFAULT) }
        return Int64(hostCopyFileRange(a.a0.int32, inOffset, a.a2.int32, outOffset, a.a4.int, a.a5.uint32))
    }

    /// Guest `splice` (76) -> host `splice` (SPLICE_F_* are arch-independent).
    func sysSplice(_ a: SyscallArgs) -> Int64 {
        guard let inOffset = context.optionalGuestPointer(a.a1, 8, write: true),
              let outOffset = context.optionalGuestPointer(a.a3, 8, write: true) else { return fail(EFAULT) }
        return Int64(hostSplice(a.a0.int32, inOffset, a.a2.int32, outOffset, a.a4.int, a.a5.uint32))
    }

    /// Guest `tee` (77) -> host `tee`.
    func sysTee(_ a: SyscallArgs) -> Int64 {
        Int64(hostTee(a.a0.int32, a.a1.int32, a.a2.int, a.a3.uint32))
    }

    /// Guest `preadv` (69: fd, iov, count, pos_l, pos_h; the 64-bit kernel uses pos_l whole)
    /// -> host `preadv`.
    func sysPreadv(_ a: SyscallArgs) -> Int64 { positionalVectored(a, flags: 0, write: true) }

    /// Guest `pwritev` (70) -> host `pwritev`.
    func sysPwritev(_ a: SyscallArgs) -> Int64 { positionalVectored(a, flags: 0, write: false) }

    /// Guest `preadv2` (286; RWF_* flags in a5) -> host `preadv2` (offset -1: file position).
    func sysPreadv2(_ a: SyscallArgs) -> Int64 { positionalVectored(a, flags: a.a5.int32, write: true) }

    /// Guest `pwritev2` (287) -> host `pwritev2`.
    func sysPwritev2(_ a: SyscallArgs) -> Int64 { positionalVectored(a, flags: a.a5.int32, write: false) }

    /// Shared body: guest iovecs (`write`: the buffers receive data) to host iovecs on the stack.
    private func positionalVectored(_ a: SyscallArgs, flags: Int32, write: Bool) -> Int64 {
        let count = a.a2.int
        guard count >= 0, count <= GuestProcessContext.maxIovecs else { return fail(EINVAL) }
        return withUnsafeTemporaryAllocation(byteCount: max(count, 1) * 16, alignment: 8) { host in
            let error = context.translateIovecs(a.a1, count: count, write: write, into: host.baseAddress!)
            if error != 0 { return fail(error) }
            let offset = Int64(bitPattern: a.a3)
            let iov = UnsafeRawPointer(host.baseAddress!)
            let result = write ? hostPreadv2(a.a0.int32, iov, count, offset, flags)
                               : hostPwritev2(a.a0.int32, iov, count, offset, flags)
            return Int64(result)
        }
    }
}
