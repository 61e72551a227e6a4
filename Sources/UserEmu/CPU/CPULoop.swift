import CSwiftQemu
import Glibc
import Translator

/// The user-mode CPU loop of one guest thread: runs translated code and services each exit
/// (syscall, trap, fault) until the guest exits or dies.
final class CPULoop<Guest: GuestArchitecture> {
    let engine: ExecutionEngine<Guest.Frontend>
    let dispatcher: SyscallDispatcher
    let log: EmulatorLog

    let tracing: Bool
    /// Guest address of the signal return code (`SignalTrampoline`).
    let sigreturnTrampoline: UInt64
    /// The guest thread this loop runs.
    var thread: GuestThreadState { dispatcher.thread }

    init(engine: ExecutionEngine<Guest.Frontend>, dispatcher: SyscallDispatcher, log: EmulatorLog,
         sigreturnTrampoline: UInt64) {
        self.engine = engine
        self.dispatcher = dispatcher
        self.log = log
        self.sigreturnTrampoline = sigreturnTrampoline
        tracing = log.enabled("strace")
    }

    /// `-strace`, before the call: `name(decoded args)`, reading input strings from guest
    /// memory now (the call may change them). Formatting lives in `Strace/StraceFormatter`.
    @inline(never)
    private func traceCall(_ number: Int, _ args: SyscallArgs) -> String {
        let space = dispatcher.context.addressSpace
        return StraceFormatter.call(number: number, args: args) { space.readCStringBytes($0, limit: $1) ?? space.read($0, count: $1) }
    }

    /// `-strace`, after the call: one line `PID name(args) = result`, as qemu-user prints it.
    @inline(never)
    private func traceSyscall(_ number: Int, _ call: String, _ outcome: SyscallOutcome) {
        log.write(StraceFormatter.line(pid: getpid(), call: call, number: number, outcome: outcome))
    }

    /// Runs the guest thread to its end. exit_group, and the exit of the last thread, end the
    /// emulator with the guest's status (a fatal signal ends it with that signal); the exit of
    /// one thread among others returns its status, and the caller ends the host thread.
    @discardableResult
    func run() -> Int32 {
        let regs = engine.regs
        while true {
            let exit = engine.run()
            switch exit.kind {
            case .syscall:
                let number = Int(truncatingIfNeeded: regs[Int(Guest.syscallNumberSlot)])
                let args = SyscallArgs(
                    a0: regs[Int(Guest.syscallArgumentSlot(0))], a1: regs[Int(Guest.syscallArgumentSlot(1))],
                    a2: regs[Int(Guest.syscallArgumentSlot(2))], a3: regs[Int(Guest.syscallArgumentSlot(3))],
                    a4: regs[Int(Guest.syscallArgumentSlot(4))], a5: regs[Int(Guest.syscallArgumentSlot(5))])
                if number == Guest.rtSigreturnNumber {
                    let traced = tracing ? traceCall(number, args) : ""
                    returnFromSignal()
                    if tracing {
                        let restored = Int64(bitPattern: regs[Int(Guest.syscallResultSlot)])
                        traceSyscall(number, traced, .returned(restored))
                    }
                    if HostSignalMirror.hasQueued || !dispatcher.thread.deferredSignals.isEmpty { deliverSignals() }
                    continue
                }
                dispatcher.thread.stackPointer = regs[Int(Guest.stackPointerSlot)]
                let traced = tracing ? traceCall(number, args) : ""
                // A successful exec never returns to print its line: qemu prints it first.
                if tracing, let name = Guest.syscallName(number), name == "execve" || name == "execveat" {
                    log.write("\(getpid()) \(traced)")
                }
                let outcome = dispatcher.dispatch(number: number, args: args)
                if tracing { traceSyscall(number, traced, outcome) }
                switch outcome {
                case .returned(var value):
                    if value == -Int64(hostRestartSyscall) {
                        if SyscallDispatcher.restartsAfterHandler(number) {
                            deliverSignals(syscallResult: value)
                            continue
                        }
                        value = -Int64(EINTR)
                    }
                    regs[Int(Guest.syscallResultSlot)] = UInt64(bitPattern: value)
                case .exit(let status):
                    if endThread() > 0 { return status }
                    HostTermination.exit(status: status)
                case .exitGroup(let status):
                    HostTermination.exit(status: status)
                }
                if HostSignalMirror.hasQueued || !dispatcher.thread.deferredSignals.isEmpty { deliverSignals() }
            case .interrupted:
                deliverSignals()
            case .trap:
                handleTrap(IRTrapKind(rawValue: UInt16(truncatingIfNeeded: exit.address)) ?? .illegalInstruction)
            case .loadFault, .storeFault:
                let (signal, code) = faultSignal(address: exit.address, store: exit.kind == .storeFault)
                deliverSynchronousSignal(signal, code: code, address: exit.address)
            case .misalignedAtomic:
                deliverSynchronousSignal(GuestSignal.bus, code: GuestSignalCode.alignment, address: exit.address)
            case .invalidRoundingMode:
                logIllegalInstruction()
                deliverSynchronousSignal(GuestSignal.ill, code: GuestSignalCode.illegalOpcode, address: engine.pc)
            case .codeWritten, .direct0, .direct1, .indirect, .interpretBlock, .returnCacheMiss:
                continue
            }
        }
    }

    /// The signal and si_code a failed guest load or store raises: SIGBUS (BUS_ADRERR) when the
    /// faulting page lies beyond the end of a mapped file (`PagePermission.beyondEndOfFile`),
    /// else SIGSEGV: SEGV_ACCERR on a mapped page, SEGV_MAPERR on an unmapped one. An access
    /// that crosses into the next page faulted there when its first page allows it.
    private func faultSignal(address: UInt64, store: Bool) -> (Int32, Int32) {
        let memory = dispatcher.context.addressSpace.memory
        guard address < memory.size else { return (GuestSignal.segv, GuestSignalCode.mapError) }
        let pageCount = Int(memory.size >> GuestMemory.pageShift)
        var page = Int(address >> GuestMemory.pageShift)
        let needed = store ? PagePermission.write : PagePermission.read
        if memory.pageFlags[page] & needed == needed, page + 1 < pageCount { page += 1 }
        let flags = memory.pageFlags[page]
        if flags & PagePermission.beyondEndOfFile != 0 { return (GuestSignal.bus, GuestSignalCode.addressError) }
        let mapped = flags & PagePermission.mapped != 0
        return (GuestSignal.segv, mapped ? GuestSignalCode.accessError : GuestSignalCode.mapError)
    }

    private func handleTrap(_ kind: IRTrapKind) {
        switch kind {
        case .instructionCacheFlush:
            engine.cache.flush()
        case .breakpoint:
            deliverSynchronousSignal(GuestSignal.trap, code: GuestSignalCode.breakpoint, address: engine.pc)
        case .instructionFetchFault:
            let mapped = engine.pc < engine.cache.memory.size
                && engine.cache.memory.pageFlags[Int(engine.pc >> GuestMemory.pageShift)] & PagePermission.mapped != 0
            deliverSynchronousSignal(GuestSignal.segv, code: mapped ? GuestSignalCode.accessError : GuestSignalCode.mapError,
                                     address: engine.pc)
        case .illegalInstruction:
            logIllegalInstruction()
            deliverSynchronousSignal(GuestSignal.ill, code: GuestSignalCode.illegalOpcode, address: engine.pc)
        }
    }

    /// The kernel's exit of one thread (exit_mm_release): its robust futexes are released and
    /// its clear_child_tid word is zeroed and woken (pthread_join waits on it). Process-directed
    /// signals the host handler had queued on this thread go back to the process, so another
    /// thread delivers them. Returns how many threads remain (0 without process control: a
    /// lone thread).
    private func endThread() -> UInt32 {
        let space = dispatcher.context.addressSpace
        HostSignalMirror.handOver(HostSignalMirror.take() + thread.deferredSignals)
        thread.deferredSignals = []
        RobustFutexList.release(head: thread.robustListHead, tid: thread.tid, space: space)
        if thread.clearChildTid != 0,
           let word = space.hostPointer(thread.clearChildTid, count: 4, permission: PagePermission.write) {
            word.storeBytes(of: 0, as: Int32.self)
            _ = sq_syscall6(202, Int(bitPattern: word), 1 /* FUTEX_WAKE, shared */, 1, 0, 0, 0)
        }
        return dispatcher.context.process?.threadEnded() ?? 0
    }

    private func logIllegalInstruction() {
        guard log.enabled("unimp") else { return }
        let pc = engine.pc
        log.write("illegal instruction at pc 0x\(String(pc, radix: 16)): \(Guest.disassemble(at: pc, memory: engine.cache.memory))")
    }
}
