// swift-tools-version: 6.0
import PackageDescription

// swift-qemu: a Linux user-mode CPU emulator. The targets follow the pipeline:
// ELFLoader → Translator (decoder → IR → interpreter/JIT) → UserEmu (CPU loop, memory,
// syscalls) → SyscallTables (generated per-guest tables). Foundation is kept out of every
// emulator target so that a fully static build (`-static-executable`) works for binfmt use.

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
        .executableTarget(name: "swift-qemu-riscv64", dependencies: ["UserEmu"]),
        .testTarget(name: "TranslatorTests", dependencies: ["Translator", "CSwiftQemu"]),
        .testTarget(name: "ELFLoaderTests", dependencies: ["ELFLoader"]),
        .testTarget(name: "UserEmuTests", dependencies: ["UserEmu"]),
        .testTarget(name: "GuestProgramTests", dependencies: []),
    ]
)
