// Floating-point helpers of the IR interpreter (see CSwiftQemu.h for why they are in C).
//
// Every helper takes raw IEEE bits and a RISC-V rounding mode (0 RNE, 1 RTZ, 2 RDN, 3 RUP,
// 4 RMM; the caller has resolved "dynamic" and rejected invalid modes) and returns the result
// bits plus the exception flags it raised, RISC-V order: NV 16, DZ 8, OF 4, UF 2, NX 1.
// Tininess is detected after rounding. NaN results are whatever the host SSE unit produces
// (first NaN operand quietened, or the x86 default NaN); the caller canonicalizes when its
// mode asks for it. binary32 values travel in the low 32 bits; NaN-boxing is the caller's job.
// docs/floating-point.md describes how each op is computed (SSE under MXCSR for RNE/RTZ/RDN/RUP;
// round-to-odd in a wider format plus a software rounding step for RMM).
#ifndef SQ_FP_H
#define SQ_FP_H
#include <stdint.h>

/// Result bits and the RISC-V exception flags raised by one operation.
typedef struct {
    uint64_t bits;
    uint32_t flags;
} sq_fp_result;

/// Exception flags in RISC-V fflags order.
enum {
    SQ_FP_NX = 1,
    SQ_FP_UF = 2,
    SQ_FP_OF = 4,
    SQ_FP_DZ = 8,
    SQ_FP_NV = 16,
};

/// Rounding modes (RISC-V frm encoding).
enum {
    SQ_FP_RNE = 0,
    SQ_FP_RTZ = 1,
    SQ_FP_RDN = 2,
    SQ_FP_RUP = 3,
    SQ_FP_RMM = 4,
};

/// Two-operand arithmetic selector for the sq_fp_ref_arith* reference paths.
enum {
    SQ_FP_ADD = 0,
    SQ_FP_SUB = 1,
    SQ_FP_MUL = 2,
    SQ_FP_DIV = 3,
    SQ_FP_SQRT = 4,
};

/// Integer type selector of the conversions (the literal in op.b of fcvtsi*/fcvt*toi).
enum {
    SQ_FP_INT_S32 = 0,
    SQ_FP_INT_U32 = 1,
    SQ_FP_INT_S64 = 2,
    SQ_FP_INT_U64 = 3,
};

// ---- Arithmetic (binary32 in the low 32 bits of the arguments and of the result). ----
/// a + b, binary32.
sq_fp_result sq_fp_add32(uint32_t a, uint32_t b, uint32_t rm);
/// a - b, binary32.
sq_fp_result sq_fp_sub32(uint32_t a, uint32_t b, uint32_t rm);
/// a * b, binary32.
sq_fp_result sq_fp_mul32(uint32_t a, uint32_t b, uint32_t rm);
/// a / b, binary32.
sq_fp_result sq_fp_div32(uint32_t a, uint32_t b, uint32_t rm);
/// sqrt(a), binary32.
sq_fp_result sq_fp_sqrt32(uint32_t a, uint32_t rm);
/// a + b, binary64.
sq_fp_result sq_fp_add64(uint64_t a, uint64_t b, uint32_t rm);
/// a - b, binary64.
sq_fp_result sq_fp_sub64(uint64_t a, uint64_t b, uint32_t rm);
/// a * b, binary64.
sq_fp_result sq_fp_mul64(uint64_t a, uint64_t b, uint32_t rm);
/// a / b, binary64.
sq_fp_result sq_fp_div64(uint64_t a, uint64_t b, uint32_t rm);
/// sqrt(a), binary64.
sq_fp_result sq_fp_sqrt64(uint64_t a, uint32_t rm);
/// a * b + c with one rounding, binary32. The caller flips signs for fmsub/fnmadd/fnmsub.
/// inf * 0 raises NV even when c is a quiet NaN.
sq_fp_result sq_fp_fma32(uint32_t a, uint32_t b, uint32_t c, uint32_t rm);
/// a * b + c with one rounding, binary64 (see sq_fp_fma32).
sq_fp_result sq_fp_fma64(uint64_t a, uint64_t b, uint64_t c, uint32_t rm);

// ---- Conversions. ----
/// binary64 -> binary32, rounded.
sq_fp_result sq_fp_cvt64to32(uint64_t a, uint32_t rm);
/// binary32 -> binary64 (exact; a signaling NaN raises NV and is quietened).
sq_fp_result sq_fp_cvt32to64(uint32_t a);
/// Integer (type SQ_FP_INT_*, read from the low 32 or all 64 bits of x) -> binary32.
sq_fp_result sq_fp_int_to_f32(uint64_t x, uint32_t type, uint32_t rm);
/// Integer (type SQ_FP_INT_*) -> binary64.
sq_fp_result sq_fp_int_to_f64(uint64_t x, uint32_t type, uint32_t rm);
/// binary32 -> integer of type SQ_FP_INT_*, rounded and saturating (NaN gives the maximum);
/// 32-bit results are sign-extended to 64 bits.
sq_fp_result sq_fp_f32_to_int(uint32_t a, uint32_t type, uint32_t rm);
/// binary64 -> integer of type SQ_FP_INT_* (see sq_fp_f32_to_int).
sq_fp_result sq_fp_f64_to_int(uint64_t a, uint32_t type, uint32_t rm);

// ---- Reference paths: also used for RMM, exposed so tests can check them against SSE. ----
/// Two-operand op (SQ_FP_ADD...SQ_FP_SQRT; b ignored for sqrt) computed round-to-odd in binary64
/// and rounded in software; any rm. Specials and exact results come from SSE (RNE for RMM).
sq_fp_result sq_fp_ref_arith32(uint32_t op, uint32_t a, uint32_t b, uint32_t rm);
/// As sq_fp_ref_arith32 for binary64, with the x87 unit (64-bit significand) as the wide format.
sq_fp_result sq_fp_ref_arith64(uint32_t op, uint64_t a, uint64_t b, uint32_t rm);
/// Fully software fused multiply-add, binary32, any rm (used for RMM and without host FMA3).
sq_fp_result sq_fp_ref_fma32(uint32_t a, uint32_t b, uint32_t c, uint32_t rm);
/// Fully software fused multiply-add, binary64, any rm.
sq_fp_result sq_fp_ref_fma64(uint64_t a, uint64_t b, uint64_t c, uint32_t rm);
/// Fully software binary64 -> binary32, any rm.
sq_fp_result sq_fp_ref_cvt64to32(uint64_t a, uint32_t rm);
/// The calling thread's host MXCSR (tests check that the helpers leave it unchanged).
uint32_t sq_fp_host_mxcsr(void);
/// Translated code accrues the flags of its inline F ops in the host MXCSR status bits
/// (docs/jit.md, "Floating point"). This ORs the RISC-V flags of the status bits into
/// `*fflags` and clears them; the JIT calls it when translated code returns and before a
/// helper recomputes an F op. (Inline assembly: Swift cannot read MXCSR.)
void sq_fp_fold_host_flags(uint64_t *fflags);
/// Clears the host MXCSR status bits (before translated code runs, so that flags raised by the
/// emulator's own FP work are not accrued to the guest).
void sq_fp_clear_host_flags(void);
/// The RISC-V flags of each value of the six MXCSR status bits (64 entries), for translated
/// code that folds the status bits itself (a guest read or write of fflags).
const uint8_t *sq_fp_host_flag_table(void);
/// 1 when the host has FMA3 (sq_fp_fma* then use it for every mode but RMM).
int sq_fp_host_has_fma(void);

#endif
