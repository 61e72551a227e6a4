import CSwiftQemu

/// The x86-64 JIT: compiles translated blocks into the code cache and runs them.
/// Owned by a `TranslationCache`, whose flushes drop all code together (`reset()` at reclaim).
public final class X86JITBackend {
    /// The executable region.
    public let code: JITCodeCache
    /// Host features the lowering may use.
    public let features: X86HostFeatures
    /// Guest memory, in stable storage for the atomics helper.
    let memoryDescriptor: UnsafeMutablePointer<GuestMemory>
    /// Called with each compiled block, its host code and each op's code offset (`-d out_asm`).
    public var onCompile: ((UnsafeMutablePointer<TranslatedBlock>, UnsafeRawBufferPointer, [Int]) -> Void)?

    /// Whether `jmpr` probes the running thread's jump cache (`JumpCache`, found through the
    /// frame header) inline and jumps straight to the target's code (off with `-d nochain` /
    /// `-d exec`, so every block goes through the engine).
    public var inlineLookup = true

    /// The guest's first instruction-temporary slot (set by the `TranslationCache` from its
    /// frontend): compiled exits do not write temporaries back.
    public var firstTemporarySlot = UInt16.max

    /// The guest's link register (`GuestFrontend.returnAddressSlot`): its `jmpr`s get a return
    /// inline cache.
    public var returnAddressSlot: UInt16?

    /// Guest slots pinned in host registers across translated code (`X86BlockCompiler.pinnedSlots`;
    /// set by the `TranslationCache` from its frontend before the first compile).
    public var pinnedSlots: [UInt16] = [] {
        didSet { pinnedHeader = JITFrame.pinnedHeader(Array(pinnedSlots.prefix(JITFrame.maxPinnedSlots))) }
    }
    /// `pinnedSlots` as the frame header word the entry trampoline reads.
    private var pinnedHeader = JITFrame.pinnedHeader([])

    /// Default size of the code region.
    public static let defaultCapacity = 128 << 20

    /// A backend for `memory`; nil when the code region cannot be mapped.
    public init?(memory: GuestMemory, capacity: Int = X86JITBackend.defaultCapacity, features: X86HostFeatures = .host) {
        precondition(memory.size.nonzeroBitCount == 1, "the JIT's memory checks need a power-of-two address space")
        guard let code = JITCodeCache(capacity: capacity) else { return nil }
        // Guest loads and stores rely on host faults inside translated code (docs/jit.md).
        sq_jit_fault_install()
        let faultRegion = sq_jit_fault_region_register(UnsafeRawPointer(code.rx), capacity)
        guard faultRegion >= 0 else { return nil }
        self.code = code
        self.faultRegion = faultRegion
        self.features = features
        memoryDescriptor = .allocate(capacity: 1)
        memoryDescriptor.initialize(to: memory)
    }

    deinit {
        sq_jit_fault_region_unregister(faultRegion)
        memoryDescriptor.deallocate()
    }

    /// This code region's handle in the C fault-table registry (`sq_jit_fault.h`).
    let faultRegion: Int32

    /// Whether this build can run generated code (x86-64 hosts only).
    public static var isSupported: Bool {
        #if arch(x86_64)
        return true
        #else
        return false
        #endif
    }

    /// Compiles `block`; returns its executable entry, or nil when the code region is full.
    public func compile(_ block: UnsafeMutablePointer<TranslatedBlock>) -> UnsafeRawPointer? {
        var compiler = X86BlockCompiler(block: block, features: features, memoryDescriptor: UnsafeRawPointer(memoryDescriptor))
        compiler.probesJumpCache = inlineLookup
        compiler.chainsSelfLoops = inlineLookup
        compiler.firstTemporarySlot = firstTemporarySlot
        compiler.pinnedSlots = Array(pinnedSlots.prefix(JITFrame.maxPinnedSlots))
        compiler.returnAddressSlot = returnAddressSlot
        compiler.memoryGuardBytes = memoryDescriptor.pointee.guardBytes
        compiler.compile()
        guard let entry = code.install(compiler.asm.bytes) else { return nil }
        if let table = compiler.faultTableOffset {
            // Blocks are installed in address order, so the region's index stays sorted.
            let start = entry - UnsafeRawPointer(code.rx)
            guard sq_jit_fault_block_add(faultRegion, start, start + table) == 0 else {
                fatalError("swift-qemu: internal error: JIT fault table index rejected a block")
            }
        }
        if let onCompile {
            onCompile(block, UnsafeRawBufferPointer(start: entry, count: compiler.asm.bytes.count), compiler.opOffsets)
        }
        return entry
    }

    /// Runs code at `entry` on `frame` until it leaves; returns the exit record.
    @inline(__always)
    public func enter(_ entry: UnsafeRawPointer, frame: UnsafeMutablePointer<UInt64>) -> JITExitRecord {
        let m = memoryDescriptor.pointee
        JITFrame.setAccessMasks(frame, size: m.size)
        JITFrame.setPageFlags(frame, m.pageFlags)
        frame[Int(JITFrame.pinnedSlots) / 8] = pinnedHeader
        let instret = UnsafeMutableRawPointer(frame) + Int(JITFrame.instructionsRetired)
        // Inline F ops accrue their flags in the host MXCSR (X86BlockCompiler+Float.swift): start
        // clean, and move what the code raised into fflags when it returns.
        sq_fp_clear_host_flags()
        let exit = sq_jit_enter(entry, frame, m.base, m.pageFlags, instret.assumingMemoryBound(to: UInt64.self))!
        sq_fp_fold_host_flags(frame + Int(IRSlot.fpFlags))
        return JITExitRecord(exit)
    }

    /// Chains a direct exit: its jump now goes straight to `target`.
    public func chain(_ record: JITExitRecord, to target: UnsafeRawPointer) {
        guard let site = record.patchSite else { return }
        code.patchJump(site: site, target: target)
    }

    /// Fills a return inline cache (`X86BlockCompiler.emitReturnCache`) after its first run:
    /// `pc` and its code `target` go into the compare and the jump, then the miss branch is
    /// pointed at the jump-cache probe, so other targets probe. Each field is one aligned store,
    /// in an order that is right at every step for a thread running the code: the compare
    /// first (a match still jumps to the exit), the jump, the miss branch last. Only an empty
    /// cache is filled (threads that missed before the fill ask again), and a `pc` that a
    /// sign-extended imm32 cannot hold only points the miss branch at the probe. The caller
    /// holds the translation cache's lock.
    public func fillReturnCache(_ record: JITExitRecord, pc: UInt64, target: UnsafeRawPointer) {
        guard let pcField = record.patchSite, pcField.load(as: Int32.self) == X86BlockCompiler.ReturnCache.emptyPC else { return }
        if let value = Int32(exactly: Int64(bitPattern: pc)), value != X86BlockCompiler.ReturnCache.emptyPC {
            code.patch32(site: pcField, value: value)
            code.patchJump(site: pcField + X86BlockCompiler.ReturnCache.jumpField, target: target)
        }
        code.patchJump(site: pcField + X86BlockCompiler.ReturnCache.missField, target: pcField + X86BlockCompiler.ReturnCache.probe)
    }

    /// Drops every compiled block; only when no translated code runs.
    public func reset() {
        sq_jit_fault_region_reset(faultRegion)
        code.reset()
    }
}
