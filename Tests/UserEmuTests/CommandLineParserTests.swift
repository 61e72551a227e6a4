import Testing
@testable import UserEmu

/// The command line and QEMU_* variables: exact bytes for the guest's strings, the internal
/// re-exec options, and the round trip of the options a re-exec forwards.
@Suite struct CommandLineParserTests {
    let parser = CommandLineParser(programName: "swift-qemu-riscv64", guestName: "riscv64", versionText: "v\n")

    func options(_ arguments: [[UInt8]], environment: [String: [UInt8]] = [:]) throws -> EmulatorOptions {
        guard case .run(let options) = try parser.parse(arguments, environment: environment) else {
            Issue.record("expected options to run with")
            return EmulatorOptions()
        }
        return options
    }

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func guestStringsKeepTheirBytes() throws {
        let parsed = try options([bytes("-0"), [0xff, 0x30], bytes("-E"), [0x41, 0x3d, 0xc3, 0x28, 0x2c, 0x42, 0x3d],
                                  bytes("-U"), [0xfe, 0x2c, 0x43], bytes("prog"), [0xff, 0xfe], [], [0x80]])
        #expect(parsed.argv0 == [0xff, 0x30])
        #expect(parsed.setEnvironment == [EnvironmentAssignment(name: [0x41], value: [0xc3, 0x28]),
                                          EnvironmentAssignment(name: [0x42], value: [])])
        #expect(parsed.unsetEnvironment == [[0xfe], [0x43]])
        #expect(parsed.program == bytes("prog"))
        #expect(parsed.programArguments == [[0xff, 0xfe], [], [0x80]])
    }

    @Test func aProgramPathThatIsNotUTF8() throws {
        let parsed = try options([bytes("-strace"), [0x2f, 0x74, 0xff], bytes("x")])
        #expect(parsed.strace && parsed.program == [0x2f, 0x74, 0xff] && parsed.programArguments == [bytes("x")])
        #expect(parsed.programDisplayPath == "/t\u{FFFD}")
    }

    @Test func variablesKeepTheirBytes() throws {
        let parsed = try options([bytes("prog")], environment: [
            "QEMU_SET_ENV": [0x58, 0x3d, 0xff], "QEMU_UNSET_ENV": [0xfe], "QEMU_ARGV0": [0xc3],
        ])
        #expect(parsed.setEnvironment == [EnvironmentAssignment(name: [0x58], value: [0xff])])
        #expect(parsed.unsetEnvironment == [[0xfe]])
        #expect(parsed.argv0 == [0xc3])
    }

    @Test func reexecDoesNotApplyTheEnvironmentOptionsAgain() throws {
        let parsed = try options([bytes("-reexec"), bytes("-execfd"), bytes("1017"), bytes("-0"), bytes("a0"),
                                  bytes("--"), bytes("/dev/fd/3"), bytes("x")],
                                 environment: ["QEMU_SET_ENV": bytes("A=1"), "QEMU_UNSET_ENV": bytes("B")])
        #expect(parsed.isReexec && parsed.programDescriptor == 1017)
        #expect(parsed.setEnvironment.isEmpty && parsed.unsetEnvironment.isEmpty)
        #expect(parsed.argv0 == bytes("a0") && parsed.program == bytes("/dev/fd/3"))
        // Without -reexec the variables apply.
        let first = try options([bytes("prog")], environment: ["QEMU_SET_ENV": bytes("A=1"), "QEMU_UNSET_ENV": bytes("B")])
        #expect(first.setEnvironment.count == 1 && first.unsetEnvironment == [bytes("B")])
    }

    @Test func internalOptionsAreCheckedAndHidden() {
        #expect(throws: CommandLineParser.UsageError.self) { try parser.parse(["-execfd", "x", "prog"], environment: [:]) }
        #expect(throws: CommandLineParser.UsageError.self) { try parser.parse(["-execfd", "-1", "prog"], environment: [:]) }
        #expect(!parser.usage().contains("reexec") && !parser.usage().contains("execfd"))
    }

    @Test func textArgumentsParseAsTheirUTF8() throws {
        guard case .run(let parsed) = try parser.parse(["-L", "/sysroot", "prog", "ü"], environment: ["QEMU_STRACE": "1"]) else {
            Issue.record("expected options"); return
        }
        #expect(parsed.ldPrefix == "/sysroot" && parsed.strace && parsed.programArguments == [bytes("ü")])
    }

    /// What a re-exec forwards, parsed again by the new emulator, describes the same machine:
    /// every forwarded option comes back equal; -0, -E, -U and the program are the new ones.
    @Test func forwardedOptionsRoundTrip() throws {
        let original = try options(["-L", "/sysroot", "-s", "1M", "-cpu", "rv64", "-r", "6.1.0", "-B", "0x10000",
                                    "-R", "0x100000000", "-d", "unimp,in_asm", "-D", "/tmp/log", "-strace",
                                    "-one-insn-per-tb", "-seed", "42", "-interp", "-perfmap",
                                    "-0", "first", "-E", "A=1", "-U", "B", "prog", "arg"].map(bytes))
        let forwarded = EmulatorExecutable.forwardedOptions(original)
        let again = try options((forwarded + ["-reexec", "-0", "next", "--", "/bin/next", "x"]).map(bytes))
        #expect(again.ldPrefix == original.ldPrefix && again.stackSize == original.stackSize)
        #expect(again.cpuModel == "rv64" && again.unameRelease == "6.1.0")
        #expect(again.guestBase == 0x10000 && again.reservedVA == 0x1_0000_0000)
        #expect(again.logItems == ["unimp", "in_asm"] && again.logFile == "/tmp/log" && again.strace)
        #expect(again.oneInstructionPerBlock && again.randomSeed == 42 && again.useInterpreter && again.writePerfMap)
        #expect(again.argv0 == bytes("next") && again.setEnvironment.isEmpty && again.unsetEnvironment.isEmpty)
        #expect(again.program == bytes("/bin/next") && again.programArguments == [bytes("x")])
        #expect(again.isReexec && !original.isReexec)
        // Defaults forward nothing.
        #expect(EmulatorExecutable.forwardedOptions(try options([bytes("prog")])).isEmpty)
    }

    @Test func relativePathsAreForwardedAbsolute() throws {
        let forwarded = EmulatorExecutable.forwardedOptions(try options(["-L", "root", "-D", "log", "prog"].map(bytes)))
        let prefix = try #require(forwarded.firstIndex(of: "-L")), log = try #require(forwarded.firstIndex(of: "-D"))
        #expect(forwarded[prefix + 1].hasPrefix("/") && forwarded[prefix + 1].hasSuffix("/root"))
        #expect(forwarded[log + 1].hasPrefix("/") && forwarded[log + 1].hasSuffix("/log"))
    }
}

/// The guest environment built from the emulator's own, as exact bytes.
@Suite struct HostEnvironmentTests {
    @Test func entriesAreKeptExactly() {
        let entries: [[UInt8]] = [Array("A=1".utf8), [0xff, 0x3d, 0xfe], Array("NOEQUALS".utf8), Array("A=2".utf8),
                                  Array("EMPTY=".utf8)]
        let environment = HostEnvironment(entries: entries)
        #expect(environment.guestEnvironment(setting: [], unsetting: []) == entries)
        #expect(environment.variables["A"] == Array("1".utf8) && environment.variables["EMPTY"] == [])
        #expect(environment.variables["NOEQUALS"] == nil && environment.string("A") == "1")
    }

    @Test func setAndUnsetWorkOnNames() {
        let environment = HostEnvironment(entries: [Array("A=1".utf8), [0xff, 0x3d, 0xfe], Array("B=2".utf8),
                                                    Array("B=3".utf8), Array("B".utf8)])
        let guest = environment.guestEnvironment(
            setting: [EnvironmentAssignment(name: [0xff], value: [0x80]), EnvironmentAssignment(name: Array("C".utf8), value: [0xc3])],
            unsetting: [Array("B".utf8)])
        // The first entry of a set name changes in place, a new one is appended; every entry of an
        // unset name goes, an entry without '=' stays.
        #expect(guest == [Array("A=1".utf8), [0xff, 0x3d, 0x80], Array("B".utf8), [0x43, 0x3d, 0xc3]])
    }
}
