@testable import Translator
import CSwiftQemu
import Glibc
import Testing

/// The JIT's host-fault memory access (docs/jit.md, "Memory access"): a guest access the guest
/// may not make faults on the host, and `sq_jit_fault_redirect` resumes at the access's slow
/// path, which leaves exactly as the interpreter does.
@Suite("JIT host faults")
struct JITHostFaultTests {
    /// Guest slot numbers used below (temporaries of the test blocks).
    static let address: UInt16 = 21, value: UInt16 = 22, result: UInt16 = 20

    @Test("Aligned accesses to unmapped, read-only and code pages fault on the host and leave precisely")
    func faultsLeavePrecisely() {
        let m = JITTestMachine()
        m.pageFlags[0x10] = PagePermission.read | PagePermission.mapped
        m.pageFlags[0x11] = 0
        m.pageFlags[0x1] = PagePermission.read | PagePermission.write | PagePermission.mapped | PagePermission.translated
        // A cached, dirty slot before the faulting access must be written back by the fault stub.
        let cases: [(IROp, UInt64, ExitKind)] = [
            (IROp(.ld64, d: Self.result, a: Self.address), 0x11008, .loadFault),
            (IROp(.ld32u, d: Self.result, a: Self.address), 0x11ffc, .loadFault),
            (IROp(.st64, a: Self.address, b: Self.value), 0x10010, .storeFault),
            (IROp(.st8, a: Self.address, b: Self.value), 0x11000, .storeFault),
            (IROp(.st64, a: Self.address, b: Self.value), 0x1008, .codeWritten),
        ]
        for (op, address, kind) in cases {
            let ops = [IROp(.addi, d: 23, a: 23, imm: 1), IROp(.addi, d: 23, a: 23, imm: 1), op,
                       IROp(.addi, d: 23, a: 23, imm: 5), IROp(.goto, imm: 0x2000)]
            let block = JITTestMachine.block(ops)
            defer { UnsafeMutableRawPointer(block).deallocate() }
            m.regs[Int(Self.address)] = address
            m.regs[Int(Self.value)] = 0x1122_3344_5566_7788
            m.regs[23] = 0
            let exit = m.runJIT(block)
            #expect(exit.kind == kind && exit.opIndex == 2 && exit.address == address, "\(op.opcode) at 0x\(String(address, radix: 16)): \(exit)")
            #expect(m.regs[23] == 2, "\(op.opcode): slots written before the access are exact")
            if kind == .codeWritten {
                // The store completed exactly once, before the exit.
                #expect((m.base + Int(address)).load(as: UInt64.self) == 0x1122_3344_5566_7788)
            }
            m.jit.reset()
        }
    }

    @Test("F slots in xmm registers stay exact across a store to a code page (a helper call)")
    func xmmSlotsAroundTheCodeStoreHelper() {
        let m = JITTestMachine()
        m.pageFlags[0x1] = PagePermission.read | PagePermission.write | PagePermission.mapped | PagePermission.translated
        let rne = FPMode.make(rounding: 0, nanBoxed: false, canonicalNaN: true, c: 0)
        // Slots 50 and 51 are touched only by F ops and the stored value: both live in xmm.
        let ops = [IROp(.fadd64, d: 50, a: 50, b: 51, imm: rne), IROp(.st64, a: Self.address, b: 50),
                   IROp(.fadd64, d: 51, a: 51, b: 50, imm: rne), IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        m.regs[Int(Self.address)] = 0x1010
        m.regs[50] = (1.5 as Double).bitPattern
        m.regs[51] = (0.25 as Double).bitPattern
        let exit = m.runJIT(block)
        #expect(exit.kind == .codeWritten && exit.opIndex == 1, "\(exit)")
        #expect(m.regs[50] == (1.75 as Double).bitPattern && m.regs[51] == (0.25 as Double).bitPattern)
        #expect((m.base + 0x1010).load(as: UInt64.self) == (1.75 as Double).bitPattern, "the stored value came from xmm")
    }

    @Test("A host fault outside translated code is not redirected")
    func foreignFaultsAreNotRedirected() {
        var info = siginfo_t()
        info.si_signo = SIGSEGV
        info.si_code = 1  // SEGV_MAPERR
        var context = ucontext_t()
        context.uc_mcontext.gregs.16 = 0x1000  // REG_RIP
        #expect(sq_jit_fault_redirect(SIGSEGV, &info, &context) == 0)
        #expect(context.uc_mcontext.gregs.16 == 0x1000)
    }

    @Test("The fault table maps the access's host pc to its slow path")
    func redirectFindsTheSlowPath() throws {
        let m = JITTestMachine()
        let block = JITTestMachine.block([IROp(.ld64, d: Self.result, a: Self.address), IROp(.goto, imm: 0x2000)])
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(m.jit.memoryDescriptor))
        c.compile()
        let entry = try #require(m.jit.compile(block))
        let site = c.faultSites[0]
        var info = siginfo_t()
        info.si_signo = SIGSEGV
        info.si_code = 2  // SEGV_ACCERR
        var context = ucontext_t()
        // gregs index 16 is REG_RIP on x86-64.
        context.uc_mcontext.gregs.16 = Int64(Int(bitPattern: entry + site.offset))
        #expect(sq_jit_fault_redirect(SIGSEGV, &info, &context) == 1)
        #expect(context.uc_mcontext.gregs.16 == Int64(Int(bitPattern: entry + c.asm.offset(of: site.slow))))
        // The next byte is not an access; a signal sent with kill() is never redirected.
        context.uc_mcontext.gregs.16 = Int64(Int(bitPattern: entry + site.offset + 1))
        #expect(sq_jit_fault_redirect(SIGSEGV, &info, &context) == 0)
        info.si_code = 0  // SI_USER
        context.uc_mcontext.gregs.16 = Int64(Int(bitPattern: entry + site.offset))
        #expect(sq_jit_fault_redirect(SIGSEGV, &info, &context) == 0)
    }
}
