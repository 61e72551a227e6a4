import SyscallTables
import Testing
@testable import UserEmu

/// What the syscall suites share: a real guest address space with 16 KiB of read/write scratch
/// memory at `scratchAddress`, a process context and a dispatcher, and helpers to call and to
/// put data into guest memory.
protocol GuestSyscallHarness {
    var space: GuestAddressSpace { get }
    var dispatcher: SyscallDispatcher { get }
}

/// Builds the process the syscall suites run against.
enum GuestSyscallFixture {
    static let scratchAddress: UInt64 = 0x10_0000
    static let scratchSize: UInt64 = 0x4000

    static func make(exePath: String = "/usr/bin/true") throws -> (GuestAddressSpace, GuestProcessContext, SyscallDispatcher) {
        let space = try GuestAddressSpace(size: 1 << 32)
        let mapped = space.map(address: scratchAddress, length: scratchSize, protection: 3,
                               flags: 0x02 | 0x20 | 0x10, fd: -1, offset: 0)  // MAP_PRIVATE|ANONYMOUS|FIXED
        #expect(mapped == Int64(scratchAddress))
        let context = GuestProcessContext(addressSpace: space, exePath: exePath, argv: ["true"])
        return (space, context, SyscallDispatcher(context: context))
    }
}

extension GuestSyscallHarness {
    /// Calls `call` with up to six arguments; the value put in a0 (an issue when it does not return).
    func call(_ call: RISCV64Syscall, _ a0: UInt64 = 0, _ a1: UInt64 = 0, _ a2: UInt64 = 0,
              _ a3: UInt64 = 0, _ a4: UInt64 = 0, _ a5: UInt64 = 0) -> Int64 {
        let outcome = dispatcher.dispatch(number: call.rawValue, args: SyscallArgs(a0: a0, a1: a1, a2: a2, a3: a3, a4: a4, a5: a5))
        guard case .returned(let value) = outcome else {
            Issue.record("\(call) did not return")
            return 0
        }
        return value
    }

    /// Puts a NUL-terminated string in guest memory at `address`.
    func putString(_ text: String, at address: UInt64) {
        #expect(space.write(address, Array(text.utf8) + [0]))
    }

    /// Puts a little-endian 64-bit value in guest memory at `address`.
    func put64(_ address: UInt64, _ value: UInt64) {
        #expect(space.write(address, withUnsafeBytes(of: value.littleEndian) { Array($0) }))
    }
}
