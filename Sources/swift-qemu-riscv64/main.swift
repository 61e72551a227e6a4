// swift-qemu-riscv64: runs riscv64 Linux programs on this host.
import UserEmu

Emulator.main(guest: RISCV64Guest.self, programName: "swift-qemu-riscv64")
