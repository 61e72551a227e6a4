import Glibc

/// A host mutex with one condition variable (pthread), for the translation cache's insertions,
/// invalidation and the exclusive sections of `TranslationCache` (threads). Never used on the
/// fast paths: jump-cache hits and chained code take no lock.
final class HostMutex {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` holding the mutex.
    @inline(__always)
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Takes the mutex (for a section that spans calls: `TranslationCache.lockForFork`).
    func lock() { pthread_mutex_lock(mutex) }

    /// Releases the mutex taken with `lock`.
    func unlock() { pthread_mutex_unlock(mutex) }

    /// Waits on the condition; call only while holding the mutex (inside `locked`).
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Wakes every waiter.
    func broadcast() { pthread_cond_broadcast(condition) }
}
