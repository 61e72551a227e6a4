// Single-threaded atomics: __atomic builtins on 8/16/32/64-bit objects (sub-word ones become
// LR/SC loops on RV64), __sync builtins, C11 stdatomic, atomic_flag, fences.
#include <stdio.h>
#include <stdint.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <inttypes.h>

#define TEST(T, name, init) do { \
    T v = init; T old, exp; bool ok; \
    old = __atomic_fetch_add(&v, (T)5, __ATOMIC_SEQ_CST); printf(#name " add old=%" PRIu64 " new=%" PRIu64 "\n", (uint64_t)old, (uint64_t)v); \
    old = __atomic_fetch_sub(&v, (T)7, __ATOMIC_ACQ_REL); printf(#name " sub old=%" PRIu64 " new=%" PRIu64 "\n", (uint64_t)old, (uint64_t)v); \
    old = __atomic_fetch_and(&v, (T)0x5a, __ATOMIC_RELAXED); old ^= __atomic_fetch_or(&v, (T)0x81, __ATOMIC_RELEASE); \
    old ^= __atomic_fetch_xor(&v, (T)0xff, __ATOMIC_ACQUIRE); old ^= __atomic_fetch_nand(&v, (T)0x3c, __ATOMIC_SEQ_CST); \
    printf(#name " logic mix=%" PRIu64 " v=%" PRIu64 "\n", (uint64_t)old, (uint64_t)v); \
    old = __atomic_exchange_n(&v, (T)123, __ATOMIC_SEQ_CST); printf(#name " xchg old=%" PRIu64 " v=%" PRIu64 "\n", (uint64_t)old, (uint64_t)v); \
    exp = 5; ok = __atomic_compare_exchange_n(&v, &exp, (T)9, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
    printf(#name " cas-fail ok=%d exp=%" PRIu64 "\n", ok, (uint64_t)exp); \
    ok = __atomic_compare_exchange_n(&v, &exp, (T)9, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
    printf(#name " cas-ok ok=%d v=%" PRIu64 "\n", ok, (uint64_t)v); \
    do { exp = __atomic_load_n(&v, __ATOMIC_RELAXED); } while (!__atomic_compare_exchange_n(&v, &exp, (T)(exp * 3), true, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)); \
    { uint64_t w0 = (uint64_t)v; uint64_t w1 = (uint64_t)__atomic_add_fetch(&v, (T)-1, __ATOMIC_SEQ_CST); \
      uint64_t w2 = (uint64_t)__atomic_sub_fetch(&v, (T)200, __ATOMIC_SEQ_CST); \
      printf(#name " weak v=%" PRIu64 " addfetch=%" PRIu64 " min-wrap=%" PRIu64 "\n", w0, w1, w2); } \
    __atomic_store_n(&v, (T)-1, __ATOMIC_RELEASE); printf(#name " store-all-ones %" PRIu64 "\n", (uint64_t)__atomic_load_n(&v, __ATOMIC_ACQUIRE)); \
} while (0)

struct packed { uint8_t a; uint8_t b; uint16_t c; uint32_t d; };

int main(void) {
    TEST(uint8_t, u8, 250);
    TEST(uint16_t, u16, 65530);
    TEST(uint32_t, u32, 4294967290u);
    TEST(uint64_t, u64, 18446744073709551610ULL);
    TEST(int8_t, s8, -3);
    TEST(int32_t, s32, -100);
    /* Neighbouring bytes must not be disturbed by sub-word atomics. */
    struct packed p = {0x11, 0x22, 0x3344, 0x55667788};
    __atomic_fetch_add(&p.b, 0xF0, __ATOMIC_SEQ_CST); __atomic_exchange_n(&p.c, 0xBEEF, __ATOMIC_SEQ_CST);
    printf("packed %02x %02x %04x %08x\n", p.a, p.b, p.c, p.d);
    long sv = 10;
    long s1 = __sync_fetch_and_add(&sv, 5); long s2 = __sync_add_and_fetch(&sv, 5);
    int s3 = __sync_bool_compare_and_swap(&sv, 20, 30); long s4 = __sync_val_compare_and_swap(&sv, 30, 40);
    printf("sync %ld %ld %d %ld\n", s1, s2, s3, s4);
    long s5 = sv; long s6 = __sync_lock_test_and_set(&sv, 77);
    printf("sync after %ld lock_test_and_set %ld\n", s5, s6);
    __sync_synchronize(); __sync_lock_release(&sv); printf("released %ld\n", sv);
    atomic_int ai = ATOMIC_VAR_INIT(0); atomic_llong al = 1; atomic_uchar ac = 200;
    for (int i = 0; i < 1000; i++) { atomic_fetch_add(&ai, i); atomic_fetch_xor_explicit(&al, (long long)i << 20, memory_order_relaxed); atomic_fetch_add(&ac, 3); }
    int expected = 499500; bool swapped = atomic_compare_exchange_strong(&ai, &expected, -1);
    printf("stdatomic %d %lld %u swapped=%d lockfree=%d\n", atomic_load(&ai), (long long)atomic_load(&al), (unsigned)atomic_load(&ac), swapped, atomic_is_lock_free(&al));
    atomic_flag f = ATOMIC_FLAG_INIT;
    int f1 = atomic_flag_test_and_set(&f); int f2 = atomic_flag_test_and_set(&f);
    printf("flag %d %d", f1, f2); atomic_flag_clear(&f); printf(" %d\n", atomic_flag_test_and_set(&f));
    atomic_thread_fence(memory_order_seq_cst); atomic_signal_fence(memory_order_acquire);
    _Atomic double ad = 1.5; ad += 2.25; printf("atomic double %a\n", (double)ad);
    return 0;
}
