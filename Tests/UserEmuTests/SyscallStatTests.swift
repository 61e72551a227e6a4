import Glibc
import Testing
@testable import UserEmu

/// The struct stat conversion between the x86-64 host (144 bytes) and the generic guest (128).
@Suite struct SyscallStatTests {
    @Test func roundTripOfARealFile() throws {
        var host = stat()
        #expect(stat("/usr/bin/true", &host) == 0)
        let guest = hostToGuestStat(host)
        let back = guestToHostStat(guest)
        #expect(back.st_dev == host.st_dev)
        #expect(back.st_ino == host.st_ino)
        #expect(back.st_mode == host.st_mode)
        #expect(back.st_nlink == host.st_nlink)
        #expect(back.st_uid == host.st_uid)
        #expect(back.st_gid == host.st_gid)
        #expect(back.st_rdev == host.st_rdev)
        #expect(back.st_size == host.st_size)
        #expect(back.st_blksize == host.st_blksize)
        #expect(back.st_blocks == host.st_blocks)
        #expect(back.st_atim.tv_sec == host.st_atim.tv_sec && back.st_atim.tv_nsec == host.st_atim.tv_nsec)
        #expect(back.st_mtim.tv_sec == host.st_mtim.tv_sec && back.st_mtim.tv_nsec == host.st_mtim.tv_nsec)
        #expect(back.st_ctim.tv_sec == host.st_ctim.tv_sec && back.st_ctim.tv_nsec == host.st_ctim.tv_nsec)
    }

    @Test func guestBytesHaveTheGenericLayout() {
        var guest = GuestStat()
        guest.dev = 0x0101; guest.ino = 0x0202; guest.mode = 0x0303; guest.nlink = 0x0404
        guest.uid = 0x0505; guest.gid = 0x0606; guest.rdev = 0x0707; guest.size = 0x0808
        guest.blksize = 0x0909; guest.blocks = 0x0a0a; guest.atime = 0x0b0b; guest.atimeNsec = 0x0c0c
        guest.mtime = 0x0d0d; guest.mtimeNsec = 0x0e0e; guest.ctime = 0x0f0f; guest.ctimeNsec = 0x1010
        var raw = [UInt8](repeating: 0xFF, count: GuestStat.byteSize)
        raw.withUnsafeMutableBytes { guest.store(to: $0.baseAddress!) }
        func at(_ offset: Int, _ size: Int) -> UInt64 {
            raw[offset..<(offset + size)].reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
        let expected: [(Int, Int, UInt64)] = [
            (0, 8, 0x0101), (8, 8, 0x0202), (16, 4, 0x0303), (20, 4, 0x0404), (24, 4, 0x0505),
            (28, 4, 0x0606), (32, 8, 0x0707), (40, 8, 0), (48, 8, 0x0808), (56, 4, 0x0909),
            (60, 4, 0), (64, 8, 0x0a0a), (72, 8, 0x0b0b), (80, 8, 0x0c0c), (88, 8, 0x0d0d),
            (96, 8, 0x0e0e), (104, 8, 0x0f0f), (112, 8, 0x1010), (120, 8, 0),
        ]
        for (offset, size, value) in expected {
            #expect(at(offset, size) == value, "offset \(offset)")
        }
        let loaded = raw.withUnsafeBytes { GuestStat(loadingFrom: $0.baseAddress!) }
        #expect(loaded == guest)
    }
}
