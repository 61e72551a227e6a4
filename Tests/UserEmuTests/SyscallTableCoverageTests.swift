import Foundation
import Glibc
import SyscallTables
import Testing
@testable import UserEmu

/// The complete generic syscall table: every riscv64 number is either dispatched to a handler
/// or listed in `NotImplementedSyscalls` with a reason, never both and never neither; listed
/// calls return their errno and `-d unimp` names them with the reason.
@Suite struct SyscallTableCoverageTests {
    /// The `case .name:` labels of `SyscallDispatcher.dispatch`.
    static func dispatchedCalls() throws -> Set<String> {
        let source = SyscallTablesTests.repositoryRoot.appendingPathComponent("Sources/UserEmu/Syscalls/SyscallDispatcher.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        var names: Set<String> = []
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("case ."), let colon = trimmed.firstIndex(of: ":") else { continue }
            names.insert(String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 6)..<colon]))
        }
        return names
    }

    @Test func everyNumberIsHandledOrListed() throws {
        let dispatched = try Self.dispatchedCalls()
        var neither: [String] = [], both: [String] = []
        for call in RISCV64Syscall.allCases {
            let name = "\(call)"
            let listed = NotImplementedSyscalls.table[call] != nil
            if dispatched.contains(name) && listed { both.append(name) }
            if !dispatched.contains(name) && !listed { neither.append(name) }
        }
        #expect(neither.isEmpty, "neither implemented nor listed: \(neither)")
        #expect(both.isEmpty, "implemented and listed: \(both)")
        let implemented = RISCV64Syscall.allCases.count - NotImplementedSyscalls.table.count
        // docs/syscalls.md quotes these numbers.
        #expect(RISCV64Syscall.allCases.count == 307)
        #expect(implemented == 285, "implemented \(implemented) of \(RISCV64Syscall.allCases.count)")
    }

    @Test func everyListedCallHasAReason() {
        for (call, entry) in NotImplementedSyscalls.table {
            #expect(entry.reason.count > 10, "\(call)")
            #expect(entry.errno > 0, "\(call)")
        }
    }

    @Test func listedCallsReturnTheirErrnoAndAreLogged() throws {
        let space = try GuestAddressSpace(size: 1 << 32)
        var lines: [String] = []
        let context = GuestProcessContext(addressSpace: space, exePath: "/bin/true", argv: ["true"],
                                          logUnimplemented: true, log: UnimpLog(sink: { lines.append($0) }))
        let dispatcher = SyscallDispatcher(context: context)
        #expect(dispatcher.dispatch(number: RISCV64Syscall.rseq.rawValue, args: SyscallArgs()) == .returned(-Int64(ENOSYS)))
        #expect(dispatcher.dispatch(number: RISCV64Syscall.reboot.rawValue, args: SyscallArgs()) == .returned(-Int64(EPERM)))
        #expect(dispatcher.dispatch(number: RISCV64Syscall.seccomp.rawValue, args: SyscallArgs()) == .returned(-Int64(EINVAL)))
        #expect(dispatcher.dispatch(number: 9999, args: SyscallArgs()) == .returned(-Int64(ENOSYS)))
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("Unsupported syscall: 293 (rseq): restartable sequences") == true)
        #expect(lines.last == "Unsupported syscall: 9999 (unknown)")
    }
}
