/// Parses qemu-user's command line (`[options] program [args...]`) and `QEMU_*` variables.
///
/// The option set, their argument forms and the environment variable names follow qemu-user,
/// so scripts written for `qemu-riscv64` work unchanged. Arguments and variable values are
/// exact bytes: the program, its arguments, `-0`, `-E` and `-U` keep bytes that are not UTF-8;
/// other option values are read as UTF-8 text.
public struct CommandLineParser {
    /// What parsing asks the caller to do.
    public enum Outcome {
        case run(EmulatorOptions)
        /// Print this text on stdout and exit 0 (`-h`, `-version`, `-cpu help`, `-d help`).
        case printAndExit(String)
    }

    /// A usage error: the caller prints the message and exits 1.
    public struct UsageError: Error {
        public let message: String
    }

    /// One option: flag, environment variable, whether it takes an argument, help text.
    struct OptionSpec {
        let flag: String
        let variable: String
        let argument: String?
        let help: String
    }

    static let specs: [OptionSpec] = [
        OptionSpec(flag: "h", variable: "", argument: nil, help: "print this help"),
        OptionSpec(flag: "help", variable: "", argument: nil, help: ""),
        OptionSpec(flag: "g", variable: "QEMU_GDB", argument: "port", help: "wait gdb connection to 'port' (not implemented yet: an error)"),
        OptionSpec(flag: "L", variable: "QEMU_LD_PREFIX", argument: "path", help: "set the elf interpreter prefix to 'path'"),
        OptionSpec(flag: "s", variable: "QEMU_STACK_SIZE", argument: "size", help: "set the stack size to 'size' bytes"),
        OptionSpec(flag: "cpu", variable: "QEMU_CPU", argument: "model", help: "select CPU (-cpu help for list)"),
        OptionSpec(flag: "E", variable: "QEMU_SET_ENV", argument: "var=value", help: "sets targets environment variable (see below)"),
        OptionSpec(flag: "U", variable: "QEMU_UNSET_ENV", argument: "var", help: "unsets targets environment variable (see below)"),
        OptionSpec(flag: "0", variable: "QEMU_ARGV0", argument: "argv0", help: "forces target process argv[0] to be 'argv0'"),
        OptionSpec(flag: "r", variable: "QEMU_UNAME", argument: "uname", help: "set qemu uname release string to 'uname'"),
        OptionSpec(flag: "B", variable: "QEMU_GUEST_BASE", argument: "address", help: "set guest_base address to 'address'"),
        OptionSpec(flag: "R", variable: "QEMU_RESERVED_VA", argument: "size", help: "reserve 'size' bytes for guest virtual address space"),
        OptionSpec(flag: "d", variable: "QEMU_LOG", argument: "item[,...]", help: "enable logging of specified items (use '-d help' for a list of items)"),
        OptionSpec(flag: "D", variable: "QEMU_LOG_FILENAME", argument: "logfile", help: "write logs to 'logfile' (default stderr)"),
        OptionSpec(flag: "one-insn-per-tb", variable: "QEMU_ONE_INSN_PER_TB", argument: nil, help: "run with one guest instruction per emulated TB"),
        OptionSpec(flag: "strace", variable: "QEMU_STRACE", argument: nil, help: "log system calls"),
        OptionSpec(flag: "seed", variable: "QEMU_RAND_SEED", argument: "", help: "Seed for pseudo-random number generator"),
        OptionSpec(flag: "version", variable: "QEMU_VERSION", argument: nil, help: "display version information and exit"),
        OptionSpec(flag: "interp", variable: "SWIFT_QEMU_INTERP", argument: nil, help: "run guest code with the IR interpreter instead of the JIT"),
        OptionSpec(flag: "jit-threshold", variable: "SWIFT_QEMU_JIT_THRESHOLD", argument: "n", help: "interpret a block n times before compiling it (0: compile at once; default \(EmulatorOptions.defaultJITThreshold))"),
        OptionSpec(flag: "perfmap", variable: "SWIFT_QEMU_PERFMAP", argument: nil, help: "write /tmp/perf-<pid>.map so perf names translated blocks"),
        // The re-exec for a guest execve (docs/processes.md); no help text: not in the usage.
        OptionSpec(flag: "reexec", variable: "", argument: nil, help: ""),
        OptionSpec(flag: "execfd", variable: "", argument: "fd", help: ""),
    ]

    /// Log items `-d` accepts.
    public static let logItemHelp: [(String, String)] = [
        ("unimp", "log unimplemented functionality (syscalls, ioctls, instructions)"),
        ("in_asm", "show guest code of each translated block"),
        ("op", "show the IR of each translated block"),
        ("out_asm", "show the host code of each translated block (JIT)"),
        ("exec", "show each block executed"),
        ("strace", "log every system call"),
        ("nochain", "do not chain blocks"),
    ]

    public let programName: String
    public let guestName: String
    public let versionText: String

    public init(programName: String, guestName: String, versionText: String) {
        self.programName = programName
        self.guestName = guestName
        self.versionText = versionText
    }

    /// Parses `arguments` (without argv[0], as text) with the environment `environment`.
    public func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> Outcome {
        try parse(arguments.map { Array($0.utf8) }, environment: environment.mapValues { Array($0.utf8) })
    }

    /// Parses `arguments` (without argv[0], exact bytes) with the environment `environment`
    /// (variable values, exact bytes).
    public func parse(_ arguments: [[UInt8]], environment: [String: [UInt8]]) throws(UsageError) -> Outcome {
        var options = EmulatorOptions()
        // Environment first; the command line overrides it.
        for spec in Self.specs where !spec.variable.isEmpty {
            guard let value = environment[spec.variable] else { continue }
            // A switch given by environment is on unless its value is empty or "0".
            if spec.argument == nil && (value.isEmpty || value == [UInt8(ascii: "0")]) { continue }
            if let outcome = try apply(spec, value: spec.argument == nil ? nil : value, to: &options, fromEnvironment: true) {
                return outcome
            }
        }
        var index = 0
        while index < arguments.count {
            let argument = String(decoding: arguments[index], as: UTF8.self)
            guard argument.hasPrefix("-"), argument != "-" else { break }
            index += 1
            if argument == "--" { break }
            var name = String(argument.dropFirst())
            if name.hasPrefix("-") { name.removeFirst() }
            guard let spec = Self.specs.first(where: { $0.flag == name }) else {
                throw UsageError(message: "\(programName): unknown option '\(name)'")
            }
            var value: [UInt8]?
            if spec.argument != nil {
                guard index < arguments.count else {
                    throw UsageError(message: "\(programName): missing argument for option '\(name)'")
                }
                value = arguments[index]
                index += 1
            }
            if let outcome = try apply(spec, value: value, to: &options, fromEnvironment: false) {
                return outcome
            }
        }
        guard index < arguments.count else {
            throw UsageError(message: usage())
        }
        options.program = arguments[index]
        options.programArguments = Array(arguments[(index + 1)...])
        if options.isReexec {
            // The guest's envp is the new program's environment: QEMU_SET_ENV and QEMU_UNSET_ENV
            // in it were applied once, by the first emulator.
            options.setEnvironment = []
            options.unsetEnvironment = []
        }
        return .run(options)
    }

    private func apply(_ spec: OptionSpec, value rawValue: [UInt8]?, to options: inout EmulatorOptions, fromEnvironment: Bool) throws(UsageError) -> Outcome? {
        let value = rawValue.map { String(decoding: $0, as: UTF8.self) }
        switch spec.flag {
        case "h", "help": return .printAndExit(usage())
        case "version": return .printAndExit(versionText)
        case "g":
            // Never ignore it silently: a user waiting in gdb would wait forever.
            throw UsageError(message: "\(programName): -g \(value ?? ""): the gdb stub is not implemented yet")
        case "L": options.ldPrefix = value
        case "s":
            guard let v = value, let size = Self.parseSize(v) else { throw UsageError(message: "\(programName): Invalid stack size '\(value ?? "")'") }
            options.stackSize = max(size, 64 << 10)
        case "cpu":
            if value == "help" || value == "?" { return .printAndExit("Available CPUs:\n  any\n  rv64\n  max\n") }
            options.cpuModel = value
        case "E":
            for item in (rawValue ?? []).split(separator: UInt8(ascii: ",")) {
                guard let eq = item.firstIndex(of: UInt8(ascii: "=")) else {
                    throw UsageError(message: "\(programName): -E expects var=value, got '\(String(decoding: item, as: UTF8.self))'")
                }
                options.setEnvironment.append(EnvironmentAssignment(name: Array(item[..<eq]), value: Array(item[(eq + 1)...])))
            }
        case "U":
            options.unsetEnvironment += (rawValue ?? []).split(separator: UInt8(ascii: ",")).map(Array.init)
        case "0":
            options.argv0 = rawValue
        case "r": options.unameRelease = value
        case "B": options.guestBase = value.flatMap { Self.parseSize($0) }
        case "R": options.reservedVA = value.flatMap { Self.parseSize($0) }
        case "d":
            let items = (value ?? "").split(separator: ",").map(String.init)
            if items.contains("help") {
                return .printAndExit("Log items (comma separated):\n" + Self.logItemHelp.map { "\($0.0.padding(12))\($0.1)" }.joined(separator: "\n") + "\n")
            }
            for item in items where !Self.logItemHelp.contains(where: { $0.0 == item }) {
                throw UsageError(message: "\(programName): unknown log item '\(item)' (use -d help)")
            }
            options.logItems.formUnion(items)
        case "D": options.logFile = value
        case "one-insn-per-tb": options.oneInstructionPerBlock = true
        case "strace": options.strace = true
        case "interp": options.useInterpreter = true
        case "perfmap": options.writePerfMap = true
        case "jit-threshold":
            guard let v = value, let n = UInt32(v) else { throw UsageError(message: "\(programName): Invalid JIT threshold '\(value ?? "")'") }
            options.jitThreshold = n
        case "reexec": options.isReexec = true
        case "execfd":
            guard let v = value, let fd = Int32(v), fd >= 0 else { throw UsageError(message: "\(programName): Invalid descriptor '\(value ?? "")'") }
            options.programDescriptor = fd
        case "seed":
            guard let v = value, let seed = UInt64(v) else { throw UsageError(message: "\(programName): Invalid seed number: '\(value ?? "")'") }
            options.randomSeed = seed
        default: break
        }
        return nil
    }

    /// Parses sizes such as 8388608, 0x800000, 8M, 512k, 1G.
    static func parseSize(_ text: String) -> UInt64? {
        var digits = Substring(text)
        var scale: UInt64 = 1
        switch digits.last {
        case "k", "K": scale = 1 << 10; digits.removeLast()
        case "m", "M": scale = 1 << 20; digits.removeLast()
        case "g", "G": scale = 1 << 30; digits.removeLast()
        default: break
        }
        let value: UInt64?
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            value = UInt64(digits.dropFirst(2), radix: 16)
        } else {
            value = UInt64(digits)
        }
        guard let v = value else { return nil }
        let (scaled, overflow) = v.multipliedReportingOverflow(by: scale)
        return overflow ? nil : scaled
    }

    /// qemu-user's usage text.
    public func usage() -> String {
        var lines = ["usage: \(programName) [options] program [arguments...]",
                     "Linux CPU emulator (compiled for \(guestName) emulation)",
                     "", "Options and associated environment variables:", "",
                     "Argument             Env-variable      Description"]
        for spec in Self.specs where !spec.help.isEmpty {
            let left = "-\(spec.flag)" + (spec.argument.map { $0.isEmpty ? "" : " \($0)" } ?? "")
            lines.append(left.padding(21) + spec.variable.padding(18) + spec.help)
        }
        lines += ["", "Defaults:", "QEMU_LD_PREFIX  = (none)", "QEMU_STACK_SIZE = 8388608 byte", "",
                  "You can use -E and -U options or the QEMU_SET_ENV and",
                  "QEMU_UNSET_ENV environment variables to set and unset",
                  "environment variables for the target process.",
                  "It is possible to provide several variables by separating them",
                  "by commas in getsubopt(3) style. Additionally it is possible to",
                  "provide the -E and -U options multiple times.", ""]
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Pads with spaces to `width` (at least one space after).
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
