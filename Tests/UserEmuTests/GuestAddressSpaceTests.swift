import Glibc
import Testing
import Translator
@testable import UserEmu

/// Tests of the guest address space: mmap placement and flags, munmap splitting, mprotect as
/// the interpreter sees it, brk, mremap, madvise, file mappings and errnos.
@Suite struct GuestAddressSpaceTests {
    typealias Prot = MemoryABI.Prot
    typealias Map = MemoryABI.Map
    typealias E = MemoryABI.Errno

    static let page: UInt64 = 4096
    static let rw = Prot.read | Prot.write
    static let anon = Map.private | Map.anonymous
    static let fixedAnon = Map.private | Map.anonymous | Map.fixed

    let space: GuestAddressSpace
    init() throws { space = try GuestAddressSpace(size: 1 << 38) }

    func flags(_ address: UInt64) -> UInt8 { space.memory.pageFlags[Int(address >> 12)] }

    /// True when the host still has something mapped at guest `address` (our reservation or a
    /// guest mapping), i.e. the region has no hole there.
    func hostHasMapping(_ address: UInt64) -> Bool {
        let probe = mmap(space.memory.base + Int(address), 4096, PROT_NONE,
                         MAP_PRIVATE | MAP_ANONYMOUS | 0x100000, -1, 0)
        if probe != MAP_FAILED, let probe { munmap(probe, 4096); return false }
        return errno == EEXIST
    }

    /// The host's permission string ("rw-p") for guest `address`, from /proc/self/maps.
    func hostPermissions(_ address: UInt64) -> String? {
        let hostAddress = UInt(bitPattern: space.memory.base + Int(address))
        guard let file = fopen("/proc/self/maps", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let fields = text.split(separator: " ")
            let range = fields[0].split(separator: "-").compactMap { UInt(String($0), radix: 16) }
            if range.count == 2, range[0] <= hostAddress, hostAddress < range[1] { return String(fields[1]) }
        }
        return nil
    }

    func fill(_ address: UInt64, _ count: Int, _ value: UInt8) {
        #expect(space.write(address, [UInt8](repeating: value, count: count)))
    }

    // MARK: mmap

    @Test func anonymousMappingsGoTopDownBelowMmapBase() {
        let base = space.mmapBase
        #expect(base == 0x3f_f000_0000)
        let a = space.map(address: 0, length: 3 * Self.page, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0)
        #expect(a == Int64(base - 3 * Self.page))
        let b = space.map(address: 0, length: 100, protection: Prot.read, flags: Self.anon, fd: -1, offset: 0)
        #expect(b == a - Int64(Self.page))
        #expect(flags(UInt64(a)) == PagePermission.read | PagePermission.write | PagePermission.mapped)
        #expect(flags(UInt64(b)) == PagePermission.read | PagePermission.mapped)
        #expect(space.memory.isAccessible(UInt64(a), 8, PagePermission.write))
        #expect(!space.memory.isAccessible(UInt64(b), 8, PagePermission.write))
        #expect(space.read(UInt64(a), count: 16) == [UInt8](repeating: 0, count: 16))
        #expect(space.write(UInt64(a) + 4090, [1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(space.read(UInt64(a) + 4090, count: 8) == [1, 2, 3, 4, 5, 6, 7, 8])
        // A freed hole is reused by the next fitting mapping (highest first fit).
        #expect(space.unmap(address: UInt64(a), length: 3 * Self.page) == 0)
        let c = space.map(address: 0, length: 2 * Self.page, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0)
        #expect(c == Int64(base - 2 * Self.page))
    }

    @Test func hintIsUsedWhenFreeAndIgnoredOtherwise() {
        let hint: UInt64 = 0x1234_5000
        #expect(space.map(address: hint, length: Self.page, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0) == Int64(hint))
        let other = space.map(address: hint, length: Self.page, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0)
        #expect(other > 0 && other != Int64(hint))
        // A hint outside the space or below mmap_min_addr is not an error.
        #expect(space.map(address: 1 << 40, length: Self.page, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0) > 0)
        #expect(space.map(address: 0x1000, length: Self.page, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0) >= 0x10000)
        // An unaligned hint is rounded up.
        #expect(space.map(address: 0x2000_0001, length: Self.page, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0) == 0x2000_1000)
    }

    @Test func fixedMappingReplacesAndSplits() {
        var changes: [(UInt64, UInt64)] = []
        space.onMappingChange = { changes.append(($0, $1)) }
        let start: UInt64 = 0x40_0000
        #expect(space.map(address: start, length: 4 * Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == Int64(start))
        #expect(changes.isEmpty)
        fill(start, Int(4 * Self.page), 0xaa)
        let middle = start + Self.page
        #expect(space.map(address: middle, length: 2 * Self.page, protection: Prot.read, flags: Self.fixedAnon, fd: -1, offset: 0) == Int64(middle))
        #expect(changes.count == 1 && changes[0] == (middle, 2 * Self.page))
        let maps = space.mappings()
        #expect(maps.map(\.start) == [start, middle, middle + 2 * Self.page])
        #expect(maps.map(\.protection) == [Self.rw, Prot.read, Self.rw])
        #expect(space.read(middle, count: 4) == [0, 0, 0, 0])
        #expect(space.read(start, count: 1) == [0xaa])
        #expect(!space.write(middle, [1]))
        // Protecting the middle back merges the three again.
        #expect(space.protect(address: middle, length: 2 * Self.page, protection: Self.rw) == 0)
        #expect(space.mappings().count == 1)
    }

    @Test func fixedNoReplaceAndFixedErrors() {
        let start: UInt64 = 0x80_0000
        #expect(space.map(address: start, length: Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == Int64(start))
        let noReplace = Self.anon | Map.fixedNoReplace
        #expect(space.map(address: start, length: Self.page, protection: Self.rw, flags: noReplace, fd: -1, offset: 0) == -E.exist)
        #expect(space.map(address: start - Self.page, length: 2 * Self.page, protection: Self.rw, flags: noReplace, fd: -1, offset: 0) == -E.exist)
        #expect(space.map(address: start + Self.page, length: Self.page, protection: Self.rw, flags: noReplace, fd: -1, offset: 0) == Int64(start + Self.page))
        #expect(space.map(address: (1 << 38) - Self.page, length: 2 * Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == -E.nomem)
        #expect(space.map(address: 1 << 39, length: Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == -E.nomem)
        #expect(space.map(address: start + 1, length: Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == -E.inval)
        #expect(space.map(address: 0, length: Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == -E.perm)
    }

    @Test func badArgumentsGiveTheKernelsErrnos() {
        #expect(space.map(address: 0, length: 0, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0) == -E.inval)
        #expect(space.map(address: 0, length: 10, protection: Self.rw, flags: Self.anon, fd: -1, offset: 100) == -E.inval)
        #expect(space.map(address: 0, length: 10, protection: Self.rw, flags: Map.anonymous, fd: -1, offset: 0) == -E.inval)
        #expect(space.map(address: 0, length: 10, protection: Self.rw, flags: 0xf | Map.anonymous, fd: -1, offset: 0) == -E.inval)
        #expect(space.map(address: 0, length: UInt64.max - 5, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0) == -E.nomem)
        #expect(space.map(address: 0, length: 1 << 39, protection: Self.rw, flags: Self.anon, fd: -1, offset: 0) == -E.nomem)
        #expect(space.map(address: 0, length: 10, protection: Prot.read, flags: Map.private, fd: 9999, offset: 0) == -E.badf)
        #expect(space.map(address: 0, length: 10, protection: Prot.read, flags: Map.sharedValidate | Map.anonymous | 0x40, fd: -1, offset: 0) == -E.opnotsupp)
        #expect(space.unmap(address: 0x1001, length: 10) == -E.inval)
        #expect(space.unmap(address: 0x1000, length: 0) == -E.inval)
        #expect(space.unmap(address: 0x1000, length: 1 << 40) == -E.inval)
        #expect(space.unmap(address: 0x10_0000, length: 10) == 0) // nothing mapped: fine
        #expect(space.protect(address: 0x1001, length: 10, protection: Prot.read) == -E.inval)
        #expect(space.protect(address: 0x1000, length: 10, protection: 0x40) == -E.inval)
        #expect(space.protect(address: 0x1000, length: 10, protection: Prot.read) == -E.nomem)
        #expect(space.protect(address: 0x1000, length: 0, protection: Prot.read) == 0)
        #expect(space.advise(address: 0x1001, length: 10, advice: 4) == -E.inval)
        #expect(space.advise(address: 0x1000, length: 10, advice: 7) == -E.inval)
        #expect(space.advise(address: 0x10_0000, length: 10, advice: 4) == -E.nomem)
        #expect(space.remap(oldAddress: 0x1000, oldLength: 10, newLength: 20, flags: 8, newAddress: 0) == -E.inval)
        #expect(space.remap(oldAddress: 0x1000, oldLength: 10, newLength: 20, flags: 2, newAddress: 0) == -E.inval)
        #expect(space.remap(oldAddress: 0x1000, oldLength: 10, newLength: 0, flags: 1, newAddress: 0) == -E.inval)
        #expect(space.remap(oldAddress: 0x10_0000, oldLength: 10, newLength: 20, flags: 1, newAddress: 0) == -E.fault)
    }

    // MARK: munmap

    @Test func partialUnmapSplitsAndKeepsTheRegionReserved() {
        var changes: [(UInt64, UInt64)] = []
        space.onMappingChange = { changes.append(($0, $1)) }
        let start: UInt64 = 0x100_0000
        #expect(space.map(address: start, length: 5 * Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == Int64(start))
        fill(start, Int(5 * Self.page), 7)
        #expect(space.unmap(address: start + Self.page, length: 2 * Self.page) == 0)
        #expect(changes.count == 1 && changes[0] == (start + Self.page, 2 * Self.page))
        let maps = space.mappings()
        #expect(maps.count == 2)
        #expect(maps[0].start == start && maps[0].end == start + Self.page)
        #expect(maps[1].start == start + 3 * Self.page && maps[1].end == start + 5 * Self.page)
        #expect(flags(start + Self.page) == 0)
        #expect(flags(start) == PagePermission.read | PagePermission.write | PagePermission.mapped)
        #expect(space.read(start + Self.page, count: 1) == nil)
        #expect(space.read(start + 4096 - 2, count: 4) == nil) // crosses into the hole
        #expect(space.read(start + 3 * Self.page, count: 1) == [7])
        #expect(hostHasMapping(start + Self.page))
        #expect(hostPermissions(start + Self.page) == "---p")
        #expect(hostPermissions(start) == "rw-p")
        // Unmapping across both pieces and a gap removes both.
        #expect(space.unmap(address: start - Self.page, length: 10 * Self.page) == 0)
        #expect(space.mappings().isEmpty)
        #expect(hostHasMapping(start))
    }

    // MARK: mprotect

    @Test func protectChangesWhatTheInterpreterSees() {
        let start: UInt64 = 0x200_0000
        #expect(space.map(address: start, length: 3 * Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == Int64(start))
        let m = space.memory
        #expect(m.isAccessible(start + Self.page, 8, PagePermission.write))
        // A page holding translated code keeps that bit through protection changes.
        m.pageFlags[Int((start + Self.page) >> 12)] |= PagePermission.translated
        #expect(space.protect(address: start + Self.page, length: 1, protection: Prot.read | Prot.exec) == 0)
        #expect(!m.isAccessible(start + Self.page, 8, PagePermission.write))
        #expect(m.isAccessible(start + Self.page, 8, PagePermission.read | PagePermission.execute))
        #expect(m.isAccessible(start, 8, PagePermission.write))
        #expect(m.touchesCode(start + Self.page, 1))
        #expect(space.mappings().count == 3)
        #expect(space.protect(address: start, length: 3 * Self.page, protection: 0) == 0)
        #expect(flags(start) == PagePermission.mapped)
        #expect(flags(start + Self.page) == PagePermission.mapped | PagePermission.translated)
        #expect(!m.isAccessible(start, 1, PagePermission.read))
        #expect(space.mappings().count == 1)
        #expect(hostPermissions(start) == "---p")
        #expect(space.protect(address: start, length: Self.page, protection: Prot.exec) == 0)
        #expect(hostPermissions(start) == "---p") // exec-only: the translator unprotects it only while it reads instructions
        #expect(space.protect(address: start, length: Self.page, protection: Self.rw | Prot.exec) == 0)
        #expect(hostPermissions(start) == "rw-p")
        #expect(space.protect(address: start, length: 4 * Self.page, protection: Prot.read) == -E.nomem)
        // Unmapping keeps the translated bit too (only the cache clears it).
        #expect(space.unmap(address: start, length: 3 * Self.page) == 0)
        #expect(flags(start + Self.page) == PagePermission.translated)
    }

    @Test func protectOfASharedReadOnlyFileMappingToWriteFails() throws {
        let (fd, _) = try Self.tempFile(bytes: [UInt8](repeating: 1, count: 4096), readOnly: true)
        defer { close(fd) }
        let a = space.map(address: 0, length: Self.page, protection: Prot.read, flags: Map.shared, fd: fd, offset: 0)
        #expect(a > 0)
        #expect(space.protect(address: UInt64(a), length: Self.page, protection: Self.rw) == -E.acces)
        #expect(flags(UInt64(a)) == PagePermission.read | PagePermission.mapped)
        #expect(space.map(address: 0, length: Self.page, protection: Self.rw, flags: Map.shared, fd: fd, offset: 0) == -E.acces)
    }

    // MARK: brk

    @Test func brkGrowsShrinksAndStopsAtMappings() {
        let base: UInt64 = 0x50_0000
        space.setBreakBase(base - 100)
        #expect(space.brk(0) == base)
        #expect(space.brk(base - Self.page) == base)
        #expect(space.brk(base + 10) == base + 10)
        #expect(space.write(base + 4095, [9]))
        #expect(!space.write(base + 4096, [9]))
        #expect(space.brk(base + 3 * Self.page) == base + 3 * Self.page)
        fill(base, Int(3 * Self.page), 5)
        #expect(space.mappings().count == 1 && space.mappings()[0].kind == .heap)
        #expect(space.brk(base + Self.page) == base + Self.page)
        #expect(space.read(base + Self.page, count: 1) == nil)
        #expect(space.brk(base + 2 * Self.page) == base + 2 * Self.page)
        #expect(space.read(base + Self.page, count: 1) == [0]) // fresh pages after shrink + grow
        #expect(space.read(base, count: 1) == [5])
        // Another mapping above: growth stops one guard page before it.
        let blocker = base + 8 * Self.page
        #expect(space.map(address: blocker, length: Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == Int64(blocker))
        #expect(space.brk(blocker) == base + 2 * Self.page)
        #expect(space.brk(blocker - Self.page + 1) == base + 2 * Self.page)
        #expect(space.brk(blocker - Self.page) == blocker - Self.page)
        #expect(space.brk(base) == base)
        #expect(space.mappings().count == 1)
    }

    // MARK: mremap

    @Test func remapGrowsInPlaceWhenFree() {
        let start: UInt64 = 0x300_0000
        #expect(space.map(address: start, length: 2 * Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == Int64(start))
        fill(start, Int(2 * Self.page), 3)
        #expect(space.remap(oldAddress: start, oldLength: 2 * Self.page, newLength: 4 * Self.page, flags: 0, newAddress: 0) == Int64(start))
        #expect(space.read(start + Self.page, count: 1) == [3])
        #expect(space.read(start + 3 * Self.page, count: 1) == [0])
        #expect(space.mappings().count == 1 && space.mappings()[0].end == start + 4 * Self.page)
        // Shrink in place.
        #expect(space.remap(oldAddress: start, oldLength: 4 * Self.page, newLength: Self.page, flags: 0, newAddress: 0) == Int64(start))
        #expect(space.mappings()[0].end == start + Self.page)
        #expect(space.read(start + Self.page, count: 1) == nil)
    }

    @Test func remapMovesWhenBlockedPreservingContents() {
        var changes: [(UInt64, UInt64)] = []
        space.onMappingChange = { changes.append(($0, $1)) }
        let start: UInt64 = 0x400_0000
        #expect(space.map(address: start, length: 2 * Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == Int64(start))
        #expect(space.map(address: start + 2 * Self.page, length: Self.page, protection: Prot.read, flags: Self.fixedAnon, fd: -1, offset: 0) > 0)
        #expect(space.write(start, [1, 2, 3]))
        #expect(space.write(start + Self.page + 10, [4, 5]))
        #expect(space.remap(oldAddress: start, oldLength: 2 * Self.page, newLength: 8 * Self.page, flags: 0, newAddress: 0) == -E.nomem)
        let moved = space.remap(oldAddress: start, oldLength: 2 * Self.page, newLength: 8 * Self.page, flags: 1, newAddress: 0)
        #expect(moved > 0 && UInt64(moved) != start)
        let to = UInt64(moved)
        #expect(space.read(to, count: 3) == [1, 2, 3])
        #expect(space.read(to + Self.page + 10, count: 2) == [4, 5])
        #expect(space.read(to + 7 * Self.page, count: 1) == [0])
        #expect(space.write(to + 7 * Self.page, [1]))
        #expect(space.read(start, count: 1) == nil)
        #expect(flags(start) == 0)
        #expect(hostHasMapping(start))
        #expect(changes.contains { $0 == (start, 2 * Self.page) })
        // MREMAP_FIXED to a chosen place, replacing what is there.
        let target: UInt64 = 0x500_0000
        #expect(space.map(address: target, length: Self.page, protection: Prot.read, flags: Self.fixedAnon, fd: -1, offset: 0) > 0)
        #expect(space.remap(oldAddress: to, oldLength: 8 * Self.page, newLength: 2 * Self.page, flags: 3, newAddress: target) == Int64(target))
        #expect(space.read(target, count: 3) == [1, 2, 3])
        #expect(space.mapping(containing: target)?.protection == Self.rw)
        #expect(space.mapping(containing: to) == nil)
        #expect(space.mapping(containing: to + 7 * Self.page) == nil)
        // Overlapping MREMAP_FIXED is refused.
        #expect(space.remap(oldAddress: target, oldLength: 2 * Self.page, newLength: 2 * Self.page, flags: 3, newAddress: target + Self.page) == -E.inval)
    }

    @Test func remapDontUnmapLeavesAnEmptySource() {
        let start: UInt64 = 0x600_0000
        #expect(space.map(address: start, length: 2 * Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) == Int64(start))
        #expect(space.write(start, [42]))
        let moved = space.remap(oldAddress: start, oldLength: 2 * Self.page, newLength: 2 * Self.page, flags: 5, newAddress: 0)
        #expect(moved > 0)
        #expect(space.read(UInt64(moved), count: 1) == [42])
        #expect(space.read(start, count: 1) == [0])
        #expect(space.remap(oldAddress: start, oldLength: Self.page, newLength: 2 * Self.page, flags: 5, newAddress: 0) == -E.inval)
    }

    @Test func remapOfPrivateMemorySpanningTwoHostMappingsCopies() {
        // Two pages that merge in the guest's table but not on the host (both touched before
        // they became neighbours, so each host VMA has its own anon_vma).
        let start: UInt64 = 0x700_0000, other: UInt64 = 0x780_0000
        #expect(space.map(address: start, length: Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) > 0)
        #expect(space.map(address: other, length: Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) > 0)
        #expect(space.write(start, [1]))
        #expect(space.write(other, [2]))
        #expect(space.remap(oldAddress: other, oldLength: Self.page, newLength: Self.page, flags: 3, newAddress: start + Self.page) == Int64(start + Self.page))
        #expect(space.mappings().count == 1)
        let target: UInt64 = 0x7c0_0000
        #expect(space.remap(oldAddress: start, oldLength: 2 * Self.page, newLength: 3 * Self.page, flags: 3, newAddress: target) == Int64(target))
        #expect(space.read(target, count: 1) == [1])
        #expect(space.read(target + Self.page, count: 1) == [2])
        #expect(space.read(target + 2 * Self.page, count: 1) == [0])
        #expect(space.read(start, count: 1) == nil)
        #expect(hostHasMapping(start))
        #expect(space.mappings().count == 1)
    }

    @Test(arguments: [false, true])
    func remapByCopyingPreservesContentsAndProtection(dontUnmap: Bool) {
        space.copyMovesForTesting = true
        let start: UInt64 = 0x740_0000, target: UInt64 = 0x760_0000
        #expect(space.map(address: start, length: 2 * Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) > 0)
        #expect(space.write(start + Self.page + 1, [7, 8]))
        #expect(space.protect(address: start, length: 2 * Self.page, protection: 0) == 0)
        let flags: Int32 = dontUnmap ? 7 : 3
        let newLength = dontUnmap ? 2 * Self.page : 3 * Self.page
        #expect(space.remap(oldAddress: start, oldLength: 2 * Self.page, newLength: newLength, flags: flags, newAddress: target) == Int64(target))
        #expect(space.read(target, count: 1) == nil)
        #expect(space.protect(address: target, length: newLength, protection: Prot.read) == 0)
        #expect(space.read(target + Self.page + 1, count: 2) == [7, 8])
        if dontUnmap {
            #expect(space.protect(address: start, length: 2 * Self.page, protection: Prot.read) == 0)
            #expect(space.read(start + Self.page + 1, count: 2) == [0, 0])
        } else {
            #expect(space.read(target + 2 * Self.page, count: 1) == [0])
            #expect(space.mapping(containing: start) == nil)
            #expect(hostHasMapping(start))
        }
    }

    // MARK: madvise

    @Test func adviseDontNeedZeroesPrivateAnonymousPages() {
        var changes: [(UInt64, UInt64)] = []
        space.onMappingChange = { changes.append(($0, $1)) }
        let start: UInt64 = 0x800_0000
        #expect(space.map(address: start, length: 3 * Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) > 0)
        fill(start, Int(3 * Self.page), 0x77)
        #expect(space.advise(address: start + Self.page, length: Self.page, advice: MemoryABI.Advice.dontNeed) == 0)
        #expect(space.read(start + Self.page, count: 2) == [0, 0])
        #expect(space.read(start, count: 1) == [0x77])
        #expect(space.read(start + 2 * Self.page, count: 1) == [0x77])
        #expect(changes.count == 1)
        #expect(space.advise(address: start, length: 3 * Self.page, advice: 3) == 0) // WILLNEED
        #expect(space.advise(address: start, length: 4 * Self.page, advice: 3) == -E.nomem)
        #expect(space.advise(address: start, length: Self.page, advice: MemoryABI.Advice.dontFork) == 0)
    }

    // MARK: file mappings

    static func tempFile(bytes: [UInt8], readOnly: Bool = false) throws -> (Int32, String) {
        var template = Array("/tmp/sq-mem-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        try #require(fd >= 0)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count)
        if readOnly {
            close(fd)
            let ro = open(path, O_RDONLY)
            unlink(path)
            return (ro, path)
        }
        unlink(path)
        return (fd, path)
    }

    @Test func fileMappingsReadTheFileAndSharedWritesReachIt() throws {
        var bytes = [UInt8](repeating: 0, count: 3 * 4096)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i / 4096 + 1) }
        let (fd, path) = try Self.tempFile(bytes: bytes)
        defer { close(fd) }
        let priv = space.map(address: 0, length: 2 * Self.page, protection: Prot.read, flags: Map.private, fd: fd, offset: 4096)
        #expect(priv > 0)
        #expect(space.read(UInt64(priv), count: 1) == [2])
        #expect(space.read(UInt64(priv) + Self.page, count: 1) == [3])
        #expect(!space.write(UInt64(priv), [0]))
        let m = try #require(space.mapping(containing: UInt64(priv)))
        #expect(m.kind == .file && m.offset == 4096 && m.inode != 0)
        #expect(m.path?.hasPrefix(path) == true)

        let shared = space.map(address: 0, length: Self.page, protection: Self.rw, flags: Map.shared, fd: fd, offset: 0)
        #expect(shared > 0)
        #expect(space.write(UInt64(shared) + 5, [0xee]))
        var byte: UInt8 = 0
        #expect(pread(fd, &byte, 1, 5) == 1)
        #expect(byte == 0xee)

        // Splitting by mprotect keeps file offsets; protecting back merges.
        #expect(space.protect(address: UInt64(priv) + Self.page, length: Self.page, protection: 0) == 0)
        #expect(space.mapping(containing: UInt64(priv) + Self.page)?.offset == 8192)
        #expect(space.protect(address: UInt64(priv) + Self.page, length: Self.page, protection: Prot.read) == 0)
        #expect(space.mapping(containing: UInt64(priv))?.end == UInt64(priv) + 2 * Self.page)
    }

    @Test func remapOfFileMappingsKeepsTheFile() throws {
        var bytes = [UInt8](repeating: 0, count: 4 * 4096)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i / 4096 + 1) }
        let (fd, _) = try Self.tempFile(bytes: bytes)
        defer { close(fd) }
        let start: UInt64 = 0x900_0000
        #expect(space.map(address: start, length: Self.page, protection: Prot.read, flags: Map.private | Map.fixed, fd: fd, offset: 0) == Int64(start))
        // Grow in place: the next file page appears.
        #expect(space.remap(oldAddress: start, oldLength: Self.page, newLength: 2 * Self.page, flags: 0, newAddress: 0) == Int64(start))
        #expect(space.read(start + Self.page, count: 1) == [2])
        #expect(space.mappings().count == 1)
        // Blocked: move and grow.
        #expect(space.map(address: start + 2 * Self.page, length: Self.page, protection: Prot.read, flags: Self.fixedAnon, fd: -1, offset: 0) > 0)
        let moved = space.remap(oldAddress: start, oldLength: 2 * Self.page, newLength: 3 * Self.page, flags: 1, newAddress: 0)
        #expect(moved > 0 && UInt64(moved) != start)
        #expect(space.read(UInt64(moved), count: 1) == [1])
        #expect(space.read(UInt64(moved) + 2 * Self.page, count: 1) == [3])
        #expect(space.mapping(containing: UInt64(moved))?.kind == .file)
        #expect(hostHasMapping(start))
        // Shared mappings can be duplicated with old length 0.
        let shared = space.map(address: 0, length: Self.page, protection: Self.rw, flags: Map.shared, fd: fd, offset: 0)
        let dup = space.remap(oldAddress: UInt64(shared), oldLength: 0, newLength: Self.page, flags: 1, newAddress: 0)
        #expect(dup > 0 && dup != shared)
        #expect(space.write(UInt64(shared), [0x5a]))
        #expect(space.read(UInt64(dup), count: 1) == [0x5a])
        #expect(space.remap(oldAddress: start + 2 * Self.page, oldLength: 0, newLength: Self.page, flags: 1, newAddress: 0) == -E.inval)
    }

    // MARK: copies and kinds

    @Test func cStringsAndPointersAreChecked() {
        let start: UInt64 = 0xa00_0000
        #expect(space.map(address: start, length: Self.page, protection: Self.rw, flags: Self.fixedAnon, fd: -1, offset: 0) > 0)
        let end = start + Self.page
        #expect(space.write(end - 4, Array("abc".utf8) + [0]))
        #expect(space.readCString(end - 4) == "abc")
        #expect(space.cStringLength(end - 4) == 3)
        #expect(space.write(end - 3, Array("xyz".utf8))) // no NUL before the end of the mapping
        #expect(space.readCString(end - 4) == nil)
        #expect(space.readCString(end - 4, limit: 2) == nil)
        #expect(space.hostPointer(start, count: Int(Self.page), permission: PagePermission.write) == space.memory.base + Int(start))
        #expect(space.hostPointer(start, count: Int(Self.page) + 1, permission: PagePermission.read) == nil)
        #expect(space.hostPointer(1 << 40, count: 1, permission: PagePermission.read) == nil)
        #expect(space.read(UInt64.max - 2, count: 8) == nil)
        #expect(space.read(start, count: 0) == [])
    }

    @Test func writesToTranslatedPagesAreReported() {
        var changes: [(UInt64, UInt64)] = []
        space.onMappingChange = { changes.append(($0, $1)) }
        let start: UInt64 = 0xb00_0000
        #expect(space.map(address: start, length: 2 * Self.page, protection: Self.rw | Prot.exec, flags: Self.fixedAnon, fd: -1, offset: 0) > 0)
        space.memory.pageFlags[Int((start + Self.page) >> 12)] |= PagePermission.translated
        #expect(space.write(start, [1]))
        #expect(changes.isEmpty)
        #expect(space.write(start + Self.page + 8, [1, 2]))
        #expect(changes.count == 1 && changes[0] == (start + Self.page + 8, 2))
    }

    @Test func stackAndHeapKinds() {
        let top: UInt64 = 1 << 38
        let stackStart = top - 0x80_0000
        #expect(space.map(address: stackStart, length: 0x80_0000, protection: Self.rw, flags: Self.fixedAnon | Map.growsDown, fd: -1, offset: 0) == Int64(stackStart))
        space.markStack(address: stackStart, length: 0x80_0000)
        space.setBreakBase(0x60_0000)
        #expect(space.brk(0x60_2000) == 0x60_2000)
        let kinds = space.mappings().map(\.kind)
        #expect(kinds == [.heap, .stack])
        // PROT_GROWSDOWN extends mprotect to the start of the stack mapping.
        #expect(space.protect(address: top - Self.page, length: Self.page, protection: Prot.read | Prot.growsDown) == 0)
        #expect(!space.memory.isAccessible(stackStart, 1, PagePermission.write))
        #expect(space.protect(address: 0x60_0000, length: Self.page, protection: Prot.read | Prot.growsDown) == -E.inval)
    }

    @Test func concurrentMapAndUnmapKeepTheTableConsistent() async {
        let space = self.space
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<4 {
                let s = space
                group.addTask {
                    for i in 0..<200 {
                        let a = s.map(address: 0, length: UInt64(1 + (i + t) % 5) * 4096, protection: 3,
                                      flags: 0x22, fd: -1, offset: 0)
                        if a > 0, i % 3 != 0 { _ = s.unmap(address: UInt64(a), length: 4096) }
                    }
                }
            }
        }
        let maps = space.mappings()
        for (a, b) in zip(maps, maps.dropFirst()) { #expect(a.end <= b.start) }
        for m in maps { #expect(space.memory.isAccessible(m.start, m.length, PagePermission.read)) }
    }
}
