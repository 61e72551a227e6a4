import Glibc

/// One host thread per guest thread: a detached pthread that first runs a prologue with its
/// thread id (tid writes, signal set-up) while the creator waits, then the guest thread's loop.
/// The creator gets the tid back only after the prologue, so CLONE_PARENT_SETTID and
/// CLONE_CHILD_SETTID are written before either side runs guest code, as the kernel does.
enum GuestHostThread {
    /// Host stack of a guest thread's host thread: the emulator's own frames and signal
    /// handlers only (the guest stack is guest memory).
    static let stackSize = 2 << 20

    private final class Start {
        let prologue: (Int32) -> Void
        let body: () -> Void
        var tid: Int32 = 0
        var ready = sem_t()
        init(prologue: @escaping (Int32) -> Void, body: @escaping () -> Void) {
            self.prologue = prologue
            self.body = body
        }
    }

    /// Starts the thread; returns its tid, or -errno when no thread could be made.
    static func start(prologue: @escaping (Int32) -> Void, body: @escaping () -> Void) -> Int32 {
        let start = Start(prologue: prologue, body: body)
        sem_init(&start.ready, 0, 0)
        defer { sem_destroy(&start.ready) }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, stackSize)
        var handle = pthread_t()
        let retained = Unmanaged.passRetained(start)
        let rc = pthread_create(&handle, &attributes, { raw in
            let start = Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue()
            let tid = Int32(truncatingIfNeeded: hostGettid())
            start.prologue(tid)
            start.tid = tid
            let body = start.body
            sem_post(&start.ready)
            body()
            return nil
        }, retained.toOpaque())
        guard rc == 0 else {
            retained.release()
            return -rc
        }
        while sem_wait(&start.ready) != 0 {}
        return start.tid
    }
}
