import Glibc

/// The mutex guarding an address space's bookkeeping (mapping table, break, placement).
///
/// A pthread mutex at a fixed heap address (a Swift stored struct has no stable address).
/// Not recursive: code holding it never calls back out (change notifications run after unlock).
final class AddressSpaceLock {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let rc = pthread_mutex_init(mutex, nil)
        precondition(rc == 0, "pthread_mutex_init failed: \(rc)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Takes the mutex.
    func lock() { pthread_mutex_lock(mutex) }
    /// Releases the mutex.
    func unlock() { pthread_mutex_unlock(mutex) }
}
