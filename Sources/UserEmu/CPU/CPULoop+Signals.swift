import Glibc
import Translator

// Guest signal delivery at the CPU loop's safe points (docs/signals.md): after a syscall, at an
// `.interrupted` exit (the engine or translated code saw the interrupt word between blocks), and for the
// synchronous faults the loop itself turns into signals.

extension CPULoop {
    /// Delivers the signals the host handler queued (and deferred ones the guest has since
    /// unblocked). `syscallResult` is the result of the syscall the loop just ran, if any: a
    /// -ERESTARTSYS result is restarted or turned into -EINTR by the first handler, as the
    /// kernel does; the caller has not written it to the guest.
    func deliverSignals(syscallResult: Int64? = nil) {
        let context = dispatcher.context
        var restartPending = syscallResult == -Int64(hostRestartSyscall)
        var signals = thread.deferredSignals.filter { !isBlocked($0.signal) }
        thread.deferredSignals.removeAll { !isBlocked($0.signal) }
        signals += HostSignalMirror.take()
        for queued in signals {
            let signal = queued.signal
            if isBlocked(signal) {
                thread.deferredSignals.append(queued)
                continue
            }
            let action = context.signals[Int(signal)]
            switch action.handler {
            case GuestSigactionABI.ignoreHandler:
                continue
            case GuestSigactionABI.defaultHandler:
                takeDefaultAction(signal)
            default:
                if restartPending {
                    restartPending = false
                    if action.flags & GuestSigactionABI.restart != 0 {
                        restartSyscall()
                    } else {
                        engine.regs[Int(Guest.syscallResultSlot)] = UInt64(bitPattern: -Int64(EINTR))
                    }
                }
                enterHandler(signal, info: queued.info, action: action)
            }
        }
        // No handler ran: the kernel restarts the call transparently.
        if restartPending { restartSyscall() }
        if let saved = thread.suspendedMask {
            thread.blockedSignals = saved
            thread.suspendedMask = nil
        }
        HostSignalMirror.setMask(thread.blockedSignals)
    }

    /// A synchronous fault of the guest: its handler runs when it has one and does not block
    /// the signal; otherwise the default action ends the process (the kernel's
    /// force_sig_fault), as on hardware.
    func deliverSynchronousSignal(_ signal: Int32, code: Int32, address: UInt64) {
        if log.enabled("unimp") || log.enabled("exec") {
            log.write("guest signal \(signal) at pc 0x\(String(engine.pc, radix: 16)), address 0x\(String(address, radix: 16))")
        }
        let action = dispatcher.context.signals[Int(signal)]
        let handled = action.handler != GuestSigactionABI.defaultHandler && action.handler != GuestSigactionABI.ignoreHandler
        guard handled, !isBlocked(signal) else { HostTermination.die(signal: signal) }
        var info = [UInt8](repeating: 0, count: 128)
        info.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: signal, toByteOffset: 0, as: Int32.self)
            raw.storeBytes(of: code, toByteOffset: 8, as: Int32.self)
            raw.storeBytes(of: address, toByteOffset: 16, as: UInt64.self)
        }
        enterHandler(signal, info: info, action: action)
        HostSignalMirror.setMask(dispatcher.thread.blockedSignals)
    }

    /// rt_sigreturn: restores the registers, mask and alternate stack saved in the frame at the
    /// stack pointer. A frame the guest cannot read is a SIGSEGV.
    func returnFromSignal() {
        let context = dispatcher.context
        let regs = engine.regs
        let frameAddress = regs[Int(Guest.stackPointerSlot)]
        let restored: (mask: UInt64, stack: GuestStackRecord)? = withUnsafeTemporaryAllocation(
            byteCount: Guest.signalFrameSize, alignment: 16
        ) { frame in
            guard context.addressSpace.read(frameAddress, into: frame) else { return nil }
            return Guest.restoreSignalFrame(UnsafeRawBufferPointer(frame), regs: regs)
        }
        guard let restored else { HostTermination.die(signal: GuestSignal.segv) }
        regs[Int(IRSlot.reservationAddress)] = UInt64.max
        thread.blockedSignals = restored.mask & ~GuestSignal.unblockable
        // The kernel's restore_altstack: applied unless the thread still runs on the stack;
        // invalid values are ignored.
        let stack = restored.stack
        if !thread.altStack.contains(regs[Int(Guest.stackPointerSlot)]) {
            if stack.flags & ~GuestAltStackABI.autoDisarm == GuestAltStackABI.disable {
                thread.altStack = GuestAltStack()
            } else if stack.flags & ~(GuestAltStackABI.autoDisarm | GuestAltStackABI.onStack) == 0,
                      stack.size >= GuestAltStackABI.minimumSize {
                thread.altStack = GuestAltStack(base: stack.base, size: stack.size,
                                                        autoDisarm: stack.flags & GuestAltStackABI.autoDisarm != 0)
            }
        }
        HostSignalMirror.setMask(thread.blockedSignals)
    }

    private func isBlocked(_ signal: Int32) -> Bool {
        dispatcher.thread.blockedSignals & GuestSignal.bit(signal) != 0
    }

    /// Runs the syscall instruction again after the handler (or at once without one).
    private func restartSyscall() {
        engine.pc -= Guest.syscallInstructionLength
    }

    /// SIG_DFL for a signal the host handler caught (the fault and core-dumping signals, which
    /// keep it whatever the guest's disposition, or a disposition changed while it was queued).
    private func takeDefaultAction(_ signal: Int32) {
        switch GuestSignal.defaultAction(signal) {
        case .ignore, .resume:
            return
        case .stop:
            // The same signal again, now at the host's SIG_DFL: it stays pending (every host
            // signal is blocked here) until the mask is restored, then the host kernel stops the
            // process with it, so the parent's WSTOPSIG is exact, and discards it in an
            // orphaned process group as the guest's kernel would. (SIGSTOP would report 19.)
            _ = hostTgkill(getpid(), Int32(truncatingIfNeeded: hostGettid()), signal)
        case .terminate, .core:
            HostTermination.die(signal: signal)
        }
    }

    /// Builds the signal frame on the guest stack (or the alternate stack) and points the
    /// registers at the handler, then applies the handler's mask and SA_RESETHAND. A frame
    /// that cannot be written kills the process with SIGSEGV, as the kernel's force_sigsegv.
    private func enterHandler(_ signal: Int32, info: [UInt8], action: GuestSigaction) {
        let context = dispatcher.context
        let regs = engine.regs
        let sp = regs[Int(Guest.stackPointerSlot)]
        let alt = thread.altStack
        var top = sp
        if action.flags & GuestSigactionABI.onStack != 0, alt.size != 0, !alt.contains(sp) {
            top = alt.base &+ alt.size
        }
        let frameAddress = (top &- UInt64(Guest.signalFrameSize)) & ~15
        let savedMask = thread.suspendedMask ?? thread.blockedSignals
        thread.suspendedMask = nil
        let record = GuestStackRecord(base: alt.base, flags: alt.flags(stackPointer: sp), size: alt.size)
        let written = withUnsafeTemporaryAllocation(byteCount: Guest.signalFrameSize, alignment: 16) { frame in
            frame.initializeMemory(as: UInt8.self, repeating: 0)
            Guest.writeSignalFrame(frame, regs: regs, info: info, mask: savedMask, stack: record)
            return context.addressSpace.write(frameAddress, from: UnsafeRawBufferPointer(frame))
        }
        guard written else { HostTermination.die(signal: GuestSignal.segv) }
        Guest.enterSignalHandler(regs: regs, handler: action.handler, signal: signal, frame: frameAddress,
                                 trampoline: sigreturnTrampoline)
        regs[Int(IRSlot.reservationAddress)] = UInt64.max
        if alt.autoDisarm && top != sp { thread.altStack = GuestAltStack() }
        var mask = thread.blockedSignals | action.mask
        if action.flags & GuestSigactionABI.noDefer == 0 { mask |= GuestSignal.bit(signal) }
        thread.blockedSignals = mask & ~GuestSignal.unblockable
        if action.flags & GuestSigactionABI.resetHandler != 0 {
            context.signals.resetToDefault(Int(signal), ifStill: action)
        }
    }
}
