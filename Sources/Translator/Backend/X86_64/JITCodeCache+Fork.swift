import CSwiftQemu
import Glibc

/// A private copy of a code region made for a host fork (see `JITCodeCache.prepareForkCopy`).
/// The parent makes it before forking; the child adopts it, the parent discards it.
public struct JITForkCopy {
    /// The new memfd holding the copy (MFD_CLOEXEC).
    let descriptor: Int32
    /// The region's writable view (found by the C side; private to JITCodeCache).
    let writableView: UnsafeMutableRawPointer
}

extension JITCodeCache {
    /// Parent side, just before a host fork (no translated code runs during a syscall): copies
    /// the used part of the region into a new memfd. Returns nil (with the errno in `error`)
    /// when the host refuses; the fork must then fail, since sharing the region would let
    /// parent and child overwrite each other's code.
    public func prepareForkCopy(error: inout Int32) -> JITForkCopy? {
        var rw: UnsafeMutableRawPointer?
        let fd = sq_jit_fork_prepare(rx, capacity, used, &rw)
        guard fd >= 0, let rw else {
            error = fd < 0 ? -fd : 12  // ENOMEM
            return nil
        }
        return JITForkCopy(descriptor: fd, writableView: rw)
    }

    /// Child side, right after the fork: maps the copy over both views at the same addresses, so
    /// chained jumps and every code address the translation cache holds stay valid. Returns 0
    /// or a negative errno (the child cannot run translated code safely then).
    public func adoptForkCopy(_ copy: JITForkCopy) -> Int32 {
        sq_jit_fork_adopt(copy.descriptor, copy.writableView, rx, capacity)
    }

    /// Parent side, after the fork: closes the parent's descriptor of the child's copy.
    public func discardForkCopy(_ copy: JITForkCopy) {
        _ = close(copy.descriptor)
    }
}
