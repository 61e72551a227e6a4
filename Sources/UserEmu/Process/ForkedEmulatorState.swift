import Glibc
import Translator

/// The emulator's own per-process state around a host fork. Shared after a plain fork and
/// therefore redone in the child: the JIT code region (one MAP_SHARED memfd: the child gets a
/// private copy at the same addresses), the -perfmap file (per pid: the child copies the
/// parent's lines and appends its own), the retired-instruction counter of SWIFT_QEMU_STATS
/// (the child counts its own). The -D log stays shared, as the kernel shares any descriptor:
/// parent and child append to the same open file.
enum ForkedEmulatorState {
    /// Parent side, before the fork.
    /// Other guest threads may translate, map memory or change a shared table meanwhile: the
    /// translation cache's, the address space's and `ProcessStateLock` are held across the fork
    /// (pthread_atfork's job), so the child never inherits them locked, and the child's cache
    /// forgets the threads that do not exist in it.
    static func prepare<Frontend>(cache: TranslationCache<Frontend>, addressSpace: GuestAddressSpace,
                                  reopenPerfMap: (() -> Void)?, resetCounters: @escaping () -> Void) -> ForkContinuation {
        let code = cache.jit?.code
        cache.lockForFork()
        addressSpace.lock.lock()
        ProcessStateLock.lock()
        var copy: JITForkCopy?
        if let code {
            var error: Int32 = 0
            copy = code.prepareForkCopy(error: &error)
            if copy == nil {
                ProcessStateLock.unlock()
                addressSpace.lock.unlock()
                cache.unlockAfterFork(inChild: false)
                return ForkContinuation(error: error == 0 ? ENOMEM : error)
            }
        }
        return ForkContinuation(
            inChild: {
                ProcessStateLock.unlock()
                addressSpace.lock.unlock()
                cache.unlockAfterFork(inChild: true)
                if let code, let copy, code.adoptForkCopy(copy) != 0 {
                    // Running on would write into the parent's code: end the child loudly.
                    HostEnvironment.writeStderr("swift-qemu: cannot make the JIT code region private after fork\n")
                    Glibc._exit(127)
                }
                reopenPerfMap?()
                resetCounters()
            },
            inParent: {
                ProcessStateLock.unlock()
                addressSpace.lock.unlock()
                cache.unlockAfterFork(inChild: false)
                if let code, let copy { code.discardForkCopy(copy) }
            })
    }

    /// The child's /tmp/perf-<pid>.map, starting with the parent's lines (the child inherits
    /// every block compiled so far).
    static func perfMapForChild() -> PerfMapWriter? {
        let parent = "/tmp/perf-\(getppid()).map", child = "/tmp/perf-\(getpid()).map"
        let input = open(parent, O_RDONLY | O_CLOEXEC)
        if input >= 0 {
            let output = open(child, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if output >= 0 {
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = buffer.withUnsafeMutableBytes { hostRead(input, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    _ = buffer.withUnsafeBytes { hostWriteAll(output, UnsafeRawBufferPointer(rebasing: $0[..<n])) }
                }
                close(output)
            }
            close(input)
        }
        return PerfMapWriter()
    }
}
