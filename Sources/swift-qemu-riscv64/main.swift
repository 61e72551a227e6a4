print("swift-qemu-riscv64")
