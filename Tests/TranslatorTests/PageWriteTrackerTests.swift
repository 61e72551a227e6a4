@testable import Translator
import Glibc
import Testing

/// Write tracking (`PagePermission.writeTracked`, `PageWriteTracker`; the vfork child's writes,
/// docs/processes.md): the first store to a tracked page, under the interpreter and the JIT
/// (whose store faults on the host), records the page's old bytes, completes once, and leaves
/// with `codeWritten`; atomics are recorded without leaving; the changes come out byte-exact.
@Suite("Page write tracking")
struct PageWriteTrackerTests {
    static let address: UInt16 = 21, value: UInt16 = 22, result: UInt16 = 20
    static let page: Int = 0x20

    enum Runner: CaseIterable { case interpreter, jit }

    /// A machine whose page 0x20 holds bytes 0...255 repeated and is write-tracked.
    static func trackedMachine() -> (JITTestMachine, PageWriteTracker) {
        let m = JITTestMachine()
        let start = m.base + page << 12
        for i in 0..<4096 { start.storeBytes(of: UInt8(truncatingIfNeeded: i), toByteOffset: i, as: UInt8.self) }
        let tracker = PageWriteTracker.start(memory: m.memory)
        m.pageFlags[page] |= PagePermission.writeTracked
        return (m, tracker)
    }

    static func run(_ m: JITTestMachine, _ runner: Runner, _ ops: [IROp]) -> BlockExit {
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        return runner == .jit ? m.runJIT(block) : m.interpret(block)
    }

    static func changes(_ tracker: PageWriteTracker) -> [(UInt64, [UInt8])] {
        var found: [(UInt64, [UInt8])] = []
        tracker.takeChanges { found.append(($0, Array($1))) }
        return found
    }

    @Test("The first store to a tracked page is recorded, done once, and leaves with codeWritten", arguments: Runner.allCases)
    func storeIsRecorded(runner: Runner) {
        let (m, tracker) = Self.trackedMachine()
        defer { PageWriteTracker.stop(memory: m.memory) }
        let address = UInt64(Self.page << 12) + 0x10
        m.regs[Int(Self.address)] = address
        m.regs[Int(Self.value)] = 0x1122_3344_5566_7788
        m.regs[23] = 0
        let ops = [IROp(.addi, d: 23, a: 23, imm: 1), IROp(.st64, a: Self.address, b: Self.value),
                   IROp(.addi, d: 23, a: 23, imm: 5), IROp(.goto, imm: 0x2000)]
        let exit = Self.run(m, runner, ops)
        #expect(exit.kind == .codeWritten && exit.opIndex == 1 && exit.address == address, "\(exit)")
        #expect(m.regs[23] == 1)
        #expect((m.base + Int(address)).load(as: UInt64.self) == 0x1122_3344_5566_7788)
        #expect(m.pageFlags[Self.page] & PagePermission.writeTracked == 0)
        #expect(tracker.writtenPageCount == 1)
        // Only the bytes that changed: 0x10...0x17 held 0x10...0x17.
        let found = Self.changes(tracker)
        #expect(found.count == 1 && found.first?.0 == address && found.first?.1 == [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11])
        #expect(Self.changes(tracker).isEmpty, "a second report has nothing new")

        // Later stores to the page are plain: no exit, nothing recorded again.
        m.regs[Int(Self.value)] = 0x99
        let again = Self.run(m, runner, [IROp(.st8, a: Self.address, b: Self.value), IROp(.goto, imm: 0x2000)])
        #expect(again.kind == .direct0)
        let later = Self.changes(tracker)
        #expect(later.count == 1 && later.first?.0 == address && later.first?.1 == [0x99])
    }

    @Test("An atomic on a tracked page is recorded without leaving", arguments: Runner.allCases)
    func atomicIsRecorded(runner: Runner) {
        let (m, tracker) = Self.trackedMachine()
        defer { PageWriteTracker.stop(memory: m.memory) }
        let address = UInt64(Self.page << 12) + 0x100
        m.regs[Int(Self.address)] = address
        m.regs[Int(Self.value)] = 1
        // amo add (kind 1), 4 bytes.
        let exit = Self.run(m, runner, [IROp(.amo, d: Self.result, a: Self.address, b: Self.value, imm: 1 << 8 | 4),
                                        IROp(.goto, imm: 0x2000)])
        #expect(exit.kind == .direct0, "\(exit)")
        #expect(m.regs[Int(Self.result)] == 0x0302_0100)
        let found = Self.changes(tracker)
        #expect(found.count == 1 && found.first?.0 == address && found.first?.1 == [0x01])
    }

    @Test("Changes are reported as exact runs of differing bytes")
    func runsAreExact() {
        let (m, tracker) = Self.trackedMachine()
        defer { PageWriteTracker.stop(memory: m.memory) }
        let start = UInt64(Self.page << 12)
        m.memory.prepareWrite(start, 4096)
        #expect(m.pageFlags[Self.page] & PagePermission.writeTracked == 0)
        let host = m.base + Int(start)
        for offset in [0, 1, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 4095] {
            host.storeBytes(of: ~UInt8(truncatingIfNeeded: offset), toByteOffset: offset, as: UInt8.self)
        }
        host.storeBytes(of: UInt8(7), toByteOffset: 7, as: UInt8.self)  // the byte it held: no change
        let found = Self.changes(tracker).map { ($0.0 - start, $0.1.count) }
        #expect(found.map(\.0) == [0, 5, 9, 4095] && found.map(\.1) == [2, 1, 9, 1], "\(found)")
    }

    @Test("Without a tracker a tracked page only loses its mark")
    func noTrackerLiftsTheMark() {
        let m = JITTestMachine()
        m.pageFlags[Self.page] |= PagePermission.writeTracked
        m.memory.applyHostProtection(0, UInt64(JITTestMachine.memorySize))
        defer { mprotect(m.base, JITTestMachine.memorySize, PROT_READ | PROT_WRITE) }
        let address = UInt64(Self.page << 12) + 8
        m.memory.prepareWrite(address, 8)
        m.memory.store(address, UInt64(42))
        #expect(m.memory.load(address, as: UInt64.self) == 42)
        #expect(m.pageFlags[Self.page] & PagePermission.writeTracked == 0)
    }
}
