import Glibc
import ELFLoader
import Translator

/// The emulator's entry point, shared by every `swift-qemu-<arch>` executable.
public enum Emulator {
    /// Version text of `-version`.
    public static let version = "0.1.0"

    /// Parses the command line, loads the guest program and runs it; never returns.
    public static func main<Guest: GuestArchitecture>(guest: Guest.Type, programName: String) -> Never {
        // Exact bytes: CommandLine.arguments would replace bytes that are not UTF-8.
        let arguments = HostArguments.current()
        // First: the real path of /proc/self/exe, which exec re-runs for guest programs.
        EmulatorExecutable.recordPath(fallback: arguments.first.map { String(decoding: $0, as: UTF8.self) } ?? programName)
        let inheritedSignals = HostSignals.takeOver()
        let environment = HostEnvironment.current()
        let parser = CommandLineParser(
            programName: programName, guestName: Guest.name,
            versionText: "\(programName) version \(version)\nA Linux user-mode CPU emulator written in Swift.\n")
        let options: EmulatorOptions
        do {
            switch try parser.parse(Array(arguments.dropFirst()), environment: environment.variables) {
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
        run(Guest.self, options: options, programName: programName, environment: environment,
            inheritedSignals: inheritedSignals)
    }

    static func run<Guest: GuestArchitecture>(
        _: Guest.Type, options: EmulatorOptions, programName: String, environment: HostEnvironment,
        inheritedSignals: (ignored: UInt64, mask: UInt64)
    ) -> Never {
        // A re-executed emulator continues the log of the image it replaces (docs/processes.md).
        let log = EmulatorLog(items: options.logItems.union(options.strace ? ["strace"] : []), path: options.logFile,
                              append: options.isReexec)
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
            let source: ProgramSource
            do {
                source = try ProgramSource.open(options)
            } catch {
                throw ProgramLoadError(path: options.programDisplayPath, error: error)
            }
            defer { source.close() }
            program = try ProgramLoader.load(
                path: source.path, name: options.programDisplayPath, execFn: options.program, argv: argv, envp: envp,
                ldPrefix: options.ldPrefix, expectedMachine: Guest.elfMachine, stackSize: options.stackSize,
                preserveArgv0: false, executableDescriptor: options.executableDescriptor,
                randomSeed: options.randomSeed,
                addressSpace: addressSpace)
        } catch let error as ProgramLoadError {
            fail("\(error.path): \(error.reason)")
        } catch {
            fail("\(options.programDisplayPath): \(error)")
        }

        let cache = TranslationCache<Guest.Frontend>(memory: addressSpace.memory)
        var reopenPerfMap: (() -> Void)?
        if options.oneInstructionPerBlock { cache.maxBlockInstructions = 1 }
        // The JIT is the default on x86-64 hosts; -interp / SWIFT_QEMU_INTERP=1 forces the interpreter.
        if !options.useInterpreter && X86JITBackend.isSupported {
            guard let jit = X86JITBackend(memory: addressSpace.memory) else { fail("cannot map the JIT code region") }
            cache.jit = jit
            cache.compileThreshold = options.jitThreshold
            let dumpCode = log.enabled("out_asm")
            var perfMap = options.writePerfMap ? PerfMapWriter() : nil
            // A forked child writes its own /tmp/perf-<pid>.map (ForkedEmulatorState).
            if perfMap != nil { reopenPerfMap = { perfMap = ForkedEmulatorState.perfMapForChild() } }
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
            addressSpace: addressSpace, exePath: program.executablePath,
            argv: argv.map { String(decoding: $0, as: UTF8.self) }, ldPrefix: options.ldPrefix,
            logUnimplemented: log.enabled("unimp"), log: UnimpLog(sink: { log.write($0) }))
        context.invalidateCode = { [unowned cache] start, length in
            if length == 0 { cache.flush() } else { cache.invalidate(start, length) }
        }
        context.program = program
        if let processABI = (Guest.self as? GuestProcessModel.Type)?.processABI {
            let control = GuestProcessControl(
                emulatorPath: EmulatorExecutable.path ?? programName,
                forwardedOptions: EmulatorExecutable.forwardedOptions(options),
                guestMachine: Guest.elfMachine, abi: processABI)
            let counters = engine.counters
            control.prepareFork = { [unowned cache] in
                ForkedEmulatorState.prepare(cache: cache, addressSpace: addressSpace, reopenPerfMap: reopenPerfMap,
                                            resetCounters: { counters.pointee.instructionsRetired = 0 })
            }
            context.process = control
        }
        let mainThread = GuestThreadState()
        mainThread.registers = engine.regs
        mainThread.tid = Int32(truncatingIfNeeded: hostGettid())
        let dispatcher = SyscallDispatcher(context: context, thread: mainThread)
        if environment.string("SWIFT_QEMU_STATS") == "1" {
            let counters = engine.counters
            let backend = cache.jit == nil ? "interpreter" : "jit"
            HostTermination.beforeExit = { [unowned cache] in
                HostEnvironment.writeStderr("swift-qemu: instructions retired: \(counters.pointee.instructionsRetired)\n"
                    + "swift-qemu: backend: \(backend)\n"
                    + "swift-qemu: translated \(cache.translatedInstructions) guest instructions in \(cache.translationNanoseconds) ns\n")
            }
        }
        guard let trampoline = SignalTrampoline.map(Guest.sigreturnTrampoline, into: addressSpace) else {
            fail("cannot map the signal return page")
        }
        for signal in 1...GuestSignal.count where inheritedSignals.ignored & GuestSignal.bit(signal) != 0 {
            context.signals.actions[Int(signal)].handler = GuestSigactionABI.ignoreHandler
        }
        if let control = context.process {
            let spawner = GuestThreadSpawner<Guest>(
                cache: cache, context: context, log: log, sigreturnTrampoline: trampoline, abi: control.abi,
                chaining: engine.chaining, onBlockEntry: engine.onBlockEntry)
            control.spawnThread = { request, parent in spawner.spawn(request, parent: parent) }
        }
        mainThread.blockedSignals = inheritedSignals.mask
        HostSignalMirror.start(actions: context.signals.actions, mask: mainThread.blockedSignals,
                               interruptWord: engine.interruptWord)
        let status = CPULoop<Guest>(engine: engine, dispatcher: dispatcher, log: log, sigreturnTrampoline: trampoline).run()
        // The main thread called exit(2) while other threads run on: only it ends, as in Linux;
        // the process ends with the last thread.
        HostTermination.exitThread(status: status)
    }
}
