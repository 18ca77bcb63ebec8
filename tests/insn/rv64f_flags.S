/*
 * RV64F exception flags and the fcsr/fflags/frm CSRs.
 * Flags are sticky: each operation ORs its flags in; only a CSR write
 * clears them. fcsr = frm (bits 7:5) | fflags (bits 4:0); bits 31:8 read 0.
 */
#include "insn_test.h"

#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

#define SETS(freg, bits)  li t0, bits; fmv.w.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETS(fs0, 0x3f800000)                       // 1.0
    SETS(fs1, 0x40400000)                       // 3.0
    SETS(fs2, 0x00000000)                       // +0
    SETS(fs3, 0xbf800000)                       // -1.0
    SETS(fs4, 0x7f7fffff)                       // max
    SETS(fs5, 0x00000001)                       // smallest subnormal
    SETS(fs6, 0x3f000000)                       // 0.5
    SETS(fs7, 0x7f800001)                       // sNaN

    /* accumulation across operations */
    fsflags zero
    CHECK_FLAGS(1, 0)
    fdiv.s fa0, fs0, fs1                        // 1/3
    CHECK_FLAGS(2, NX)
    fdiv.s fa0, fs0, fs2                        // 1/0
    CHECK_FLAGS(3, DZ|NX)
    fadd.s fa0, fs0, fs0                        // exact: clears nothing
    CHECK_FLAGS(4, DZ|NX)
    fsqrt.s fa0, fs3                            // sqrt(-1)
    CHECK_FLAGS(5, NV|DZ|NX)
    fmul.s fa0, fs4, fs4                        // overflow
    CHECK_FLAGS(6, NV|DZ|OF|NX)
    fmul.s fa0, fs5, fs6                        // underflow
    CHECK_FLAGS(7, NV|DZ|OF|UF|NX)

    /* fsflags returns the old flags and writes new ones */
    fsflags a0, zero
    CHECK(8, a0, 0x1f)
    CHECK_FLAGS(9, 0)

    /* transfers, sign injection and fclass leave flags alone */
    fsflagsi UF|DZ
    fmv.x.w a0, fs7
    fsgnj.s fa0, fs7, fs7
    fclass.s a0, fs7
    fmv.w.x fa1, a0
    CHECK_FLAGS(10, UF|DZ)
    feq.s a0, fs7, fs0                          // now an sNaN compare adds NV
    CHECK_FLAGS(11, NV|UF|DZ)
    fcvt.w.s a0, fs6, rtz                       // 0.5 -> 0 adds NX
    CHECK_FLAGS(12, NV|UF|DZ|NX)

    /* set and clear single bits through the fflags CSR */
    fsflags zero
    csrsi fflags, NX
    csrsi fflags, OF
    CHECK_FLAGS(13, OF|NX)
    csrci fflags, NX
    CHECK_FLAGS(14, OF)
    csrr a1, fflags
    CHECK(15, a1, OF)

    /* fcsr packs frm and fflags */
    fsrmi 2                                     // RDN
    frcsr a2
    CHECK(16, a2, (2 << 5) | OF)
    csrr a3, fcsr
    CHECK_REG(17, a3, a2)
    li a0, 0xff                                 // fflags keeps only 5 bits
    fsflags a0
    CHECK_FLAGS(18, 0x1f)
    frrm a4
    CHECK(19, a4, 2)                            // frm untouched
    li a0, (4 << 5) | NV                        // fcsr write sets both
    fscsr a5, a0
    CHECK(20, a5, (2 << 5) | 0x1f)              // old value returned
    frrm a4
    CHECK(21, a4, 4)
    CHECK_FLAGS(22, NV)
    li a0, 0xfff                                // bits 31:8 read as zero
    fscsr a0
    frcsr a6
    CHECK(23, a6, 0xff)
    fscsr zero
    frcsr a7
    CHECK(24, a7, 0)
TEST_END
