import Glibc
import Translator

/// Creates guest threads for thread clones: a new engine (own frame and jump cache) on the
/// process's shared translation cache, the parent's registers with a0 = 0 and the new stack and
/// thread pointers, the parent's signal mask, no alternate stack, and a host thread running a
/// `CPULoop` of its own (docs/processes.md, "Threads").
struct GuestThreadSpawner<Guest: GuestArchitecture> {
    let cache: TranslationCache<Guest.Frontend>
    let context: GuestProcessContext
    let log: EmulatorLog
    let sigreturnTrampoline: UInt64
    let abi: GuestProcessABI
    /// Engine settings every thread shares (`-d nochain`, `-d exec`).
    let chaining: Bool
    let onBlockEntry: ((UnsafeMutablePointer<TranslatedBlock>) -> Void)?

    /// Carries out `request` for the calling thread `parent`; returns the new tid or -errno.
    func spawn(_ request: CloneRequest, parent: GuestThreadState) -> Int64 {
        guard let parentRegisters = parent.registers, let control = context.process else { return -Int64(ENOSYS) }
        let engine = ExecutionEngine<Guest.Frontend>(cache: cache)
        engine.chaining = chaining
        engine.onBlockEntry = onBlockEntry
        let regs = engine.regs
        regs.update(from: parentRegisters, count: Guest.Frontend.frameSlotCount)
        regs[Int(Guest.syscallResultSlot)] = 0
        if request.stack != 0 { regs[Int(abi.stackPointerSlot)] = request.stack }
        if request.flags & CloneRequest.settls != 0 { regs[Int(abi.threadPointerSlot)] = request.tls }
        regs[Int(IRSlot.reservationAddress)] = UInt64.max

        let thread = GuestThreadState()
        thread.registers = regs
        thread.blockedSignals = parent.blockedSignals
        if request.flags & CloneRequest.childCleartid != 0 { thread.clearChildTid = request.childTid }
        let loop = CPULoop<Guest>(engine: engine, dispatcher: SyscallDispatcher(context: context, thread: thread),
                                  log: log, sigreturnTrampoline: sigreturnTrampoline)
        let context = self.context
        control.threadStarted()
        let tid = GuestHostThread.start(prologue: { tid in
            thread.tid = tid
            HostSignalMirror.startThread(mask: thread.blockedSignals, interruptWord: engine.interruptWord)
            if request.flags & CloneRequest.parentSettid != 0 { _ = context.storeGuest(request.parentTid, tid) }
            if request.flags & CloneRequest.childSettid != 0 { _ = context.storeGuest(request.childTid, tid) }
        }, body: {
            loop.run()
        })
        if tid < 0 { _ = control.threadEnded() }
        return Int64(tid)
    }
}
