import Glibc

/// A host mutex with one condition variable (pthread), for the translation cache's insertions,
/// invalidation and the exclusive sections of `TranslationCache` (threads), and for the guest
/// process's shared tables in UserEmu (`ProcessStateLock`). Never used on the fast paths:
/// jump-cache hits and chained code take no lock.
public final class HostMutex {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    /// A new, unlocked mutex.
    public init() {
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
    public func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Takes the mutex (for a section that spans calls: `TranslationCache.lockForFork`).
    public func lock() { pthread_mutex_lock(mutex) }

    /// Releases the mutex taken with `lock`.
    public func unlock() { pthread_mutex_unlock(mutex) }

    /// Waits on the condition; call only while holding the mutex (inside `locked`).
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Wakes every waiter.
    func broadcast() { pthread_cond_broadcast(condition) }
}
