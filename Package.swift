// swift-tools-version: 6.0
import PackageDescription

// swift-qemu: a Linux user-mode CPU emulator. The targets follow the pipeline:
// ELFLoader → Translator (decoder → IR → interpreter/JIT) → UserEmu (CPU loop, memory,
// syscalls) → SyscallTables (generated per-guest tables). The emulator is linked fully static
// (`-static-executable`; Foundation is kept out of every emulator target so that this works):
// binfmt_misc with flag F and foreign chroots need a binary without shared-library dependencies,
// and the emulator starts once per guest process, where loading and relocating the Swift
// runtime's shared libraries took half of a static hello world's start-up (6.2 ms a run
// dynamically linked, 3.1 ms static, on the benchmark machine).

let hotPathFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"]),
]

let package = Package(
    name: "swift-qemu",
    products: [
        .executable(name: "swift-qemu-riscv64", targets: ["swift-qemu-riscv64"]),
    ],
    targets: [
        .target(name: "CSwiftQemu"),
        .systemLibrary(name: "CLibELF", pkgConfig: "libelf", providers: [.apt(["libelf-dev"])]),
        .target(name: "ELFLoader", dependencies: ["CLibELF"]),
        .target(name: "SyscallTables"),
        .target(name: "Translator", dependencies: ["CSwiftQemu"], swiftSettings: hotPathFlags),
        .target(
            name: "UserEmu",
            dependencies: ["CSwiftQemu", "ELFLoader", "Translator", "SyscallTables"],
            swiftSettings: hotPathFlags),
        .executableTarget(
            name: "swift-qemu-riscv64", dependencies: ["UserEmu"],
            linkerSettings: [.unsafeFlags(["-static-executable"])]),
        .testTarget(name: "TranslatorTests", dependencies: ["Translator", "CSwiftQemu"]),
        .testTarget(name: "ELFLoaderTests", dependencies: ["ELFLoader"]),
        .testTarget(name: "UserEmuTests", dependencies: ["UserEmu"]),
        .testTarget(name: "GuestProgramTests", dependencies: []),
    ]
)
