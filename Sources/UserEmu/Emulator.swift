import Glibc
import ELFLoader
import Translator

/// The emulator's entry point, shared by every `swift-qemu-<arch>` executable.
public enum Emulator {
    /// Version text of `-version`.
    public static let version = "0.1.0"

    /// Parses the command line, loads the guest program and runs it; never returns.
    public static func main<Guest: GuestArchitecture>(guest: Guest.Type, programName: String) -> Never {
        HostSignals.restoreDefaults()
        let environment = HostEnvironment.current()
        let parser = CommandLineParser(
            programName: programName, guestName: Guest.name,
            versionText: "\(programName) version \(version)\nA Linux user-mode CPU emulator written in Swift.\n")
        let options: EmulatorOptions
        do {
            switch try parser.parse(Array(CommandLine.arguments.dropFirst()), environment: environment.dictionary) {
            case .printAndExit(let text):
                HostEnvironment.writeStdout(text)
                HostTermination.exit(status: 0)
            case .run(var parsed):
                BinfmtInvocation.apply(to: &parsed)
                options = parsed
            }
        } catch {
            HostEnvironment.writeStderr(error.message + "\n")
            HostTermination.exit(status: 1)
        }
        run(Guest.self, options: options, programName: programName, environment: environment)
    }

    static func run<Guest: GuestArchitecture>(
        _: Guest.Type, options: EmulatorOptions, programName: String, environment: HostEnvironment
    ) -> Never {
        let log = EmulatorLog(items: options.logItems.union(options.strace ? ["strace"] : []), path: options.logFile)
        func fail(_ message: String) -> Never {
            HostEnvironment.writeStderr("\(programName): \(message)\n")
            HostTermination.exit(status: 1)
        }
        let addressSpace: GuestAddressSpace
        do {
            addressSpace = try GuestAddressSpace(size: Guest.addressSpaceSize)
        } catch {
            fail("cannot reserve the guest address space: \(error)")
        }
        let argv = [options.argv0 ?? options.program] + options.programArguments
        let envp = environment.guestEnvironment(setting: options.setEnvironment, unsetting: options.unsetEnvironment)
        let program: LoadedProgram
        do {
            program = try ProgramLoader.load(
                path: options.program, argv: argv, envp: envp, ldPrefix: options.ldPrefix,
                expectedMachine: Guest.elfMachine, stackSize: options.stackSize,
                preserveArgv0: false, executableDescriptor: options.executableDescriptor,
                randomSeed: options.randomSeed,
                addressSpace: addressSpace)
        } catch let error as ProgramLoadError {
            fail("\(error.path): \(error.reason)")
        } catch {
            fail("\(options.program): \(error)")
        }

        let cache = TranslationCache<Guest.Frontend>(memory: addressSpace.memory)
        if options.oneInstructionPerBlock { cache.maxBlockInstructions = 1 }
        // The JIT is the default on x86-64 hosts; -interp / SWIFT_QEMU_INTERP=1 forces the interpreter.
        if !options.useInterpreter && X86JITBackend.isSupported {
            guard let jit = X86JITBackend(memory: addressSpace.memory) else { fail("cannot map the JIT code region") }
            cache.jit = jit
            let dumpCode = log.enabled("out_asm")
            let perfMap = options.writePerfMap ? PerfMapWriter() : nil
            if dumpCode || perfMap != nil {
                jit.onCompile = { block, code, offsets in
                    if dumpCode { log.write(JITCodeDump.describe(block, code: code, opOffsets: offsets)) }
                    if let start = code.baseAddress {
                        perfMap?.record(start: start, size: code.count, guestPC: block.pointee.guestPC)
                    }
                }
            }
        }
        addressSpace.onMappingChange = { [unowned cache] start, length in cache.invalidate(start, length) }
        let engine = ExecutionEngine<Guest.Frontend>(cache: cache)
        // -d nochain, and -d exec (which must see every block), keep every exit in the engine.
        engine.chaining = !log.enabled("nochain") && !log.enabled("exec")
        cache.jit?.inlineLookup = engine.chaining
        engine.pc = program.startPC
        engine.regs[Int(Guest.stackPointerSlot)] = program.stackPointer
        if log.enabled("in_asm") || log.enabled("op") {
            cache.onTranslate = { block in BlockLogger.log(block, guest: Guest.self, memory: addressSpace.memory, to: log) }
        }

        if log.enabled("exec") {
            engine.onBlockEntry = { block in
                log.write("Trace: [\(BlockLogger.hex(block.pointee.guestPC, 16))]")
            }
        }
        let context = GuestProcessContext(
            addressSpace: addressSpace, exePath: program.executablePath, argv: argv, ldPrefix: options.ldPrefix,
            logUnimplemented: log.enabled("unimp"), log: UnimpLog(sink: { log.write($0) }))
        context.invalidateCode = { [unowned cache] start, length in
            if length == 0 { cache.flush() } else { cache.invalidate(start, length) }
        }
        context.program = program
        let dispatcher = SyscallDispatcher(context: context)
        if environment.dictionary["SWIFT_QEMU_STATS"] == "1" {
            let counters = engine.counters
            let backend = cache.jit == nil ? "interpreter" : "jit"
            HostTermination.beforeExit = { [unowned cache] in
                HostEnvironment.writeStderr("swift-qemu: instructions retired: \(counters.pointee.instructionsRetired)\n"
                    + "swift-qemu: backend: \(backend)\n"
                    + "swift-qemu: translated \(cache.translatedInstructions) guest instructions in \(cache.translationNanoseconds) ns\n")
            }
        }
        CPULoop<Guest>(engine: engine, dispatcher: dispatcher, log: log).run()
    }
}
