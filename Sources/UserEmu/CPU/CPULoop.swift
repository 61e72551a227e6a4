import Glibc
import Translator

/// The user-mode CPU loop of one guest thread: runs translated code and services each exit
/// (syscall, trap, fault) until the guest exits or dies.
final class CPULoop<Guest: GuestArchitecture> {
    let engine: ExecutionEngine<Guest.Frontend>
    let dispatcher: SyscallDispatcher
    let log: EmulatorLog

    let tracing: Bool

    init(engine: ExecutionEngine<Guest.Frontend>, dispatcher: SyscallDispatcher, log: EmulatorLog) {
        self.engine = engine
        self.dispatcher = dispatcher
        self.log = log
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

    /// Runs the guest to its end; the emulator exits with the guest's status or signal.
    func run() -> Never {
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
                let traced = tracing ? traceCall(number, args) : ""
                let outcome = dispatcher.dispatch(number: number, args: args)
                if tracing { traceSyscall(number, traced, outcome) }
                switch outcome {
                case .returned(let value):
                    regs[Int(Guest.syscallResultSlot)] = UInt64(bitPattern: value)
                case .exit(let status), .exitGroup(let status):
                    // One guest thread today, so exit and exit_group both end the process.
                    HostTermination.exit(status: status)
                }
            case .trap:
                handleTrap(IRTrapKind(rawValue: UInt16(truncatingIfNeeded: exit.address)) ?? .illegalInstruction)
            case .loadFault, .storeFault:
                let signal = faultSignal(address: exit.address, store: exit.kind == .storeFault)
                deliverSynchronousSignal(signal, address: exit.address)
            case .misalignedAtomic:
                deliverSynchronousSignal(GuestSignal.bus, address: exit.address)
            case .invalidRoundingMode:
                logIllegalInstruction()
                deliverSynchronousSignal(GuestSignal.ill, address: engine.pc)
            case .codeWritten, .direct0, .direct1, .indirect:
                continue
            }
        }
    }

    /// The signal a failed guest load or store raises: SIGBUS when the faulting page lies beyond
    /// the end of a mapped file (`PagePermission.beyondEndOfFile`), else SIGSEGV. An access that
    /// crosses into the next page faulted there when its first page allows it.
    private func faultSignal(address: UInt64, store: Bool) -> Int32 {
        let memory = dispatcher.context.addressSpace.memory
        guard address < memory.size else { return GuestSignal.segv }
        let page = Int(address >> GuestMemory.pageShift)
        let flags = memory.pageFlags[page]
        if flags & PagePermission.beyondEndOfFile != 0 { return GuestSignal.bus }
        let needed = store ? PagePermission.write : PagePermission.read
        let nextPage = page + 1
        if flags & needed == needed, UInt64(nextPage) < memory.size >> GuestMemory.pageShift,
           memory.pageFlags[nextPage] & PagePermission.beyondEndOfFile != 0 {
            return GuestSignal.bus
        }
        return GuestSignal.segv
    }

    private func handleTrap(_ kind: IRTrapKind) {
        switch kind {
        case .instructionCacheFlush:
            engine.cache.flush()
        case .breakpoint:
            deliverSynchronousSignal(GuestSignal.trap, address: engine.pc)
        case .instructionFetchFault:
            deliverSynchronousSignal(GuestSignal.segv, address: engine.pc)
        case .illegalInstruction:
            logIllegalInstruction()
            deliverSynchronousSignal(GuestSignal.ill, address: engine.pc)
        }
    }

    private func logIllegalInstruction() {
        guard log.enabled("unimp") else { return }
        let pc = engine.pc
        log.write("illegal instruction at pc 0x\(String(pc, radix: 16)): \(Guest.disassemble(at: pc, memory: engine.cache.memory))")
    }

    /// A synchronous fault. Guest signal handlers arrive with the process-model work; until
    /// then every such fault takes the default action, which ends the process with the signal.
    private func deliverSynchronousSignal(_ signal: Int32, address: UInt64) {
        if log.enabled("unimp") || log.enabled("exec") {
            log.write("guest signal \(signal) at pc 0x\(String(engine.pc, radix: 16)), address 0x\(String(address, radix: 16))")
        }
        HostTermination.die(signal: signal)
    }
}

/// Signal numbers of the generic Linux ABI (riscv64 and aarch64 use them; x86-64's are equal).
enum GuestSignal {
    static let ill: Int32 = 4
    static let trap: Int32 = 5
    static let bus: Int32 = 7
    static let segv: Int32 = 11
}
