import Glibc
import Translator

/// Generating and opening the emulated /proc files. Each open creates a memfd filled with the
/// file's content as of the open (the kernel generates at read time; a guest that re-reads
/// after changing its mappings must reopen, which is what every reader does), seeked to 0, so
/// read, lseek, pread, fstat and mmap all work.
extension GuestProcessContext {
    /// The generated file `path` names, nil when the host's file is to be used.
    func procFile(_ path: [UInt8]) -> ProcFile? {
        let pid = hostGetpid(), tid = hostGettid()
        return ProcFile.classify(path, pid: pid) { $0 == pid || $0 == tid }
    }

    /// The guest's name (comm): what prctl(PR_SET_NAME) set, else the program's basename, at
    /// most 15 bytes.
    var guestCommName: [UInt8] {
        if let commName { return commName }
        let path = Array(exePath.utf8)
        let base = path.split(separator: UInt8(ascii: "/")).last.map(Array.init) ?? path
        return Array(base.prefix(15))
    }

    /// The bytes of a generated file.
    func procContent(_ file: ProcFile) -> [UInt8] {
        switch file {
        case .cpuinfo: return Array(ProcCpuinfo.text(cpus: ProcCpuinfo.hostCPUs).utf8)
        case .maps: return Array(ProcMaps.maps(addressSpace.mappings()).utf8)
        case .smaps: return Array(ProcMaps.smaps(addressSpace.mappings(), resident: residentPages).utf8)
        case .comm: return guestCommName + [UInt8(ascii: "\n")]
        case .auxv:
            guard let program else { return ProcInitialStack.scan(addressSpace)?.auxv ?? [] }
            var bytes: [UInt8] = []
            for entry in program.auxv {
                withUnsafeBytes(of: entry.type.littleEndian) { bytes += $0 }
                withUnsafeBytes(of: entry.value.littleEndian) { bytes += $0 }
            }
            return bytes
        case .cmdline:
            let area = stringAreas
            if area.argEnd > area.argStart, let bytes = addressSpace.read(area.argStart, count: Int(area.argEnd - area.argStart)) {
                return bytes
            }
            return argv.flatMap { Array($0.utf8) + [0] }
        case .environ:
            let area = stringAreas
            guard area.envEnd > area.envStart else { return [] }
            return addressSpace.read(area.envStart, count: Int(area.envEnd - area.envStart)) ?? []
        case .stat:
            return Array(ProcStatus.stat(host: readHostFile("/proc/self/stat") ?? "", guest: guestStatus()).utf8)
        case .status:
            return Array(ProcStatus.status(host: readHostFile("/proc/self/status") ?? "", guest: guestStatus()).utf8)
        }
    }

    /// The argv and envp string areas: from the loader's record, else found on the stack.
    var stringAreas: (argStart: UInt64, argEnd: UInt64, envStart: UInt64, envEnd: UInt64) {
        if let p = program { return (p.argStart, p.argEnd, p.envStart, p.envEnd) }
        guard let scanned = ProcInitialStack.scan(addressSpace) else { return (0, 0, 0, 0) }
        return (scanned.argStart, scanned.argEnd, scanned.envStart, scanned.envEnd)
    }

    /// Resident pages of a guest mapping (host mincore over its host range).
    func residentPages(_ mapping: GuestMapping) -> UInt64 {
        let pages = Int(mapping.length >> GuestMemory.pageShift)
        guard pages > 0, pages <= 1 << 24 else { return 0 }
        var vector = [UInt8](repeating: 0, count: pages)
        let r = vector.withUnsafeMutableBytes {
            hostPassthrough(.mincore, hostArg(addressSpace.memory.base + Int(mapping.start)), Int(mapping.length), hostArg($0.baseAddress))
        }
        guard r == 0 else { return 0 }
        return UInt64(vector.reduce(0) { $0 + Int($1 & 1) })
    }

    /// The guest values of stat/status.
    func guestStatus() -> ProcStatus.Guest {
        let mappings = addressSpace.mappings()
        let total = mappings.reduce(UInt64(0)) { $0 + $1.length }
        let stack = mappings.filter { $0.kind == .stack }.reduce(UInt64(0)) { $0 + $1.length }
        let data = mappings.filter { !$0.isShared && $0.protection & MemoryABI.Prot.write != 0 && $0.kind != .stack }
            .reduce(UInt64(0)) { $0 + $1.length }
        let p = program
        let area = stringAreas
        return ProcStatus.Guest(
            name: guestCommName, virtualSize: total, stackSize: stack, dataSize: data,
            startCode: p?.startCode ?? 0, endCode: p?.endCode ?? 0, startStack: p?.stackPointer ?? 0,
            startData: p?.startData ?? 0, endData: p?.endData ?? 0, startBreak: p?.breakStart ?? 0,
            argStart: area.argStart, argEnd: area.argEnd, envStart: area.envStart, envEnd: area.envEnd)
    }

    /// Opens a generated file as a memfd positioned at 0. Write access is refused (EACCES) as
    /// the kernel's 0444 files do for a non-root caller (root passes the permission check on
    /// Linux too), except `comm`, whose writes are accepted and dropped (the name changes only
    /// through prctl today). O_CLOEXEC is honoured. Unlike procfs, fstat reports the real size
    /// and lseek(SEEK_END) works.
    func openProcFile(_ file: ProcFile, flags: Int32) -> Int64 {
        if flags & O_ACCMODE != O_RDONLY && file != .comm && hostGeteuid() != 0 { return fail(EACCES) }
        if flags & O_DIRECTORY != 0 { return fail(ENOTDIR) }
        let memfdCloexec: UInt32 = 1  // MFD_CLOEXEC
        let name = "proc-\(file)"
        let fd = name.withCString { hostMemfdCreate($0, flags & O_CLOEXEC != 0 ? memfdCloexec : 0) }
        guard fd >= 0 else { return Int64(fd) }
        let content = procContent(file)
        let written = content.withUnsafeBytes { hostWriteAll(Int32(fd), $0) }
        guard written == content.count else { _ = hostClose(Int32(fd)); return fail(written < 0 ? Int32(-written) : EIO) }
        _ = hostLseek(Int32(fd), 0, SEEK_SET)
        return Int64(fd)
    }
}
