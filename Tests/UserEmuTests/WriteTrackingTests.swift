import Glibc
import Testing
import Translator
@testable import UserEmu

/// The address space's write tracking for a vfork child (`GuestAddressSpace+WriteTracking`,
/// `VforkWriteBack`; docs/processes.md): which pages are tracked, that the emulator's own writes
/// and host pointers are recorded, that mprotect keeps the tracking and a new mapping ends it,
/// and that the records carry exactly the changed bytes to another address space.
@Suite struct WriteTrackingTests {
    typealias Prot = MemoryABI.Prot
    typealias Map = MemoryABI.Map
    static let page: UInt64 = 4096
    static let rw = Prot.read | Prot.write

    let space: GuestAddressSpace
    init() throws { space = try GuestAddressSpace(size: 1 << 32) }

    func tracked(_ address: UInt64) -> Bool {
        space.memory.pageFlags[Int(address >> 12)] & PagePermission.writeTracked != 0
    }

    func map(_ length: UInt64, _ protection: Int32, _ flags: Int32) -> UInt64 {
        let r = space.map(address: 0, length: length, protection: protection, flags: flags | Map.anonymous, fd: -1, offset: 0)
        #expect(r > 0)
        return UInt64(r)
    }

    func changes() -> [(UInt64, [UInt8])] {
        var found: [(UInt64, [UInt8])] = []
        space.takeTrackedWrites { found.append(($0, Array($1))) }
        return found
    }

    @Test func privateWritableMappingsAreTrackedAndWritesRecorded() {
        let privatePages = map(4 * Self.page, Self.rw, Map.private)
        let shared = map(Self.page, Self.rw, Map.shared)
        let readOnly = map(Self.page, Prot.read, Map.private)
        #expect(space.write(privatePages, [9, 9, 9, 9]))
        space.startWriteTracking()
        defer { space.stopWriteTracking() }
        #expect(tracked(privatePages) && tracked(privatePages + 3 * Self.page))
        #expect(!tracked(shared) && !tracked(readOnly))

        // The emulator's write, and a host pointer the kernel would fill.
        #expect(space.write(privatePages + 1, [9, 7, 7]))
        #expect(!tracked(privatePages) && tracked(privatePages + Self.page))
        let pointer = space.hostPointer(privatePages + Self.page + 8, count: 2, permission: PagePermission.write)
        pointer?.storeBytes(of: 0x0504, as: UInt16.self)
        let found = changes()
        #expect(found.map(\.0) == [privatePages + 2, privatePages + Self.page + 8])
        #expect(found.map(\.1) == [[7, 7], [4, 5]])
        #expect(changes().isEmpty)
    }

    @Test func protectKeepsTrackingAndANewMappingEndsIt() {
        let pages = map(3 * Self.page, Self.rw, Map.private)
        space.startWriteTracking()
        defer { space.stopWriteTracking() }
        #expect(space.protect(address: pages, length: Self.page, protection: Prot.read) == 0)
        #expect(space.protect(address: pages, length: Self.page, protection: Self.rw) == 0)
        #expect(tracked(pages))
        #expect(space.write(pages, [1]))
        #expect(changes().map(\.0) == [pages])
        let fixed = space.map(address: pages + Self.page, length: Self.page, protection: Self.rw,
                              flags: Map.private | Map.anonymous | Map.fixed, fd: -1, offset: 0)
        #expect(fixed == Int64(pages + Self.page))
        #expect(!tracked(pages + Self.page) && tracked(pages + 2 * Self.page))
    }

    @Test func stopEndsTracking() {
        let pages = map(2 * Self.page, Self.rw, Map.private)
        space.startWriteTracking()
        space.stopWriteTracking()
        #expect(!tracked(pages) && !tracked(pages + Self.page))
        // The host lets the page be written directly again.
        (space.memory.base + Int(pages)).storeBytes(of: 1, as: UInt8.self)
        #expect(changes().isEmpty)
    }

    @Test func recordsCarryTheChangedBytesToTheParent() throws {
        let pages = map(2 * Self.page, Self.rw, Map.private)
        let parent = try GuestAddressSpace(size: 1 << 32)
        #expect(parent.map(address: pages, length: 2 * Self.page, protection: Self.rw,
                           flags: Map.private | Map.anonymous | Map.fixed, fd: -1, offset: 0) == Int64(pages))
        #expect(parent.write(pages, [UInt8](repeating: 0xee, count: 16)))
        space.startWriteTracking()
        defer { space.stopWriteTracking() }
        #expect(space.write(pages + 4, [1, 2]))
        #expect(space.write(pages + Self.page - 1, [3, 4]))  // across the page boundary
        var records = VforkWriteBack.encode(space)
        #expect(records.count == 3 * VforkWriteBack.headerSize + 4)
        records += [1, 2, 3]  // a truncated record is dropped
        VforkWriteBack.apply(records, to: parent)
        #expect(parent.read(pages, count: 8) == [0xee, 0xee, 0xee, 0xee, 1, 2, 0xee, 0xee])
        #expect(parent.read(pages + Self.page - 1, count: 2) == [3, 4])
    }
}
