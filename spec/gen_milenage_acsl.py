#!/usr/bin/env python3
"""Generates spec/milenage.acsl, the ACSL specification of MILENAGE
(3GPP TS 35.206 4.1) over an abstract AES-128, at byte level.

    python3 spec/gen_milenage_acsl.py > spec/milenage.acsl

Only the argument-list macros are generated (they are long and regular); the
definitions themselves are written out below, one per TS 35.206 quantity, and
are what a reviewer reads.  harness/spec_milenage.c transcribes the same
definitions into C, function by function, for harness/test_milenage_spec.c.
"""

N = 16


def lst(fmt, n=N):
    return ", ".join(fmt.format(j=j) for j in range(n))


def macro(name, params, body):
    return "#define %s(%s) %s" % (name, params, body)


MACROS = [
    "/* Argument lists (generated).  A 16-byte block X is passed to a logic",
    " * function as 16 integers x0 .. x15, byte 0 first (the most significant",
    " * byte of the 128-bit value in TS 35.206). */",
    macro("MLS_P16", "x", lst("integer x##{j}")),
    macro("MLS_P6", "x", lst("integer x##{j}", 6)),
    macro("MLS_P2", "x", lst("integer x##{j}", 2)),
    macro("MLS_A16", "x", lst("x##{j}")),
    macro("MLS_A6", "x", lst("x##{j}", 6)),
    macro("MLS_A2", "x", lst("x##{j}", 2)),
    "/* The block X xor Y, as 16 arguments. */",
    macro("MLS_XOR16", "x, y", lst("ml_xor(x##{j}, y##{j})")),
    "/* f(args, 0), ..., f(args, 15): the 16 bytes of a block defined byte",
    " * by byte. */",
    macro("MLS_MAP16", "f, ...", lst("f(__VA_ARGS__, {j})")),
    "/* IN1 xor OPc, IN1 = SQN || AMF || SQN || AMF (TS 35.206 4.1). */",
    macro("MLS_IN1_XOR16", "s, a, o",
          ", ".join("ml_xor(%s, o##%d)" % (("s##%d" % (j % 8)) if j % 8 < 6
                                      else ("a##%d" % (j % 8 - 6)), j)
                    for j in range(N))),
    "/* In contracts: bytes of C arrays, in the current or the Pre state. */",
    macro("MLS_MEM16", "p", lst("(p)[{j}]")),
    macro("MLS_OLD16", "p", lst("\\old((p)[{j}])")),
    macro("MLS_OLD16_AT", "p, o", lst("\\old((p)[(o) + {j}])")),
    macro("MLS_EQ16", "p, q", " && ".join("(p)[%d] == (q)[%d]" % (j, j) for j in range(N))),
    macro("MLS_EQ16_PRE", "p, q", " && ".join("(p)[%d] == \\at((q)[%d], Pre)" % (j, j) for j in range(N))),
    macro("MLS_EQ16_OFF_PRE", "p, o, q", " && ".join("(p)[(o) + %d] == \\at((q)[%d], Pre)" % (j, j) for j in range(N))),
    macro("MLS_PRE16", "p", lst("\\at((p)[{j}], Pre)")),
    macro("MLS_OLD6", "p", lst("\\old((p)[{j}])", 6)),
    macro("MLS_OLD2", "p", lst("\\old((p)[{j}])", 2)),
    macro("MLS_PRE6", "p", lst("\\at((p)[{j}], Pre)", 6)),
    macro("MLS_PRE2", "p", lst("\\at((p)[{j}], Pre)", 2)),
    macro("MLS_PRE16_AT", "p, o", lst("\\at((p)[(o) + {j}], Pre)")),
    "/* Proof helpers for the assertions of core/ (no meaning of their own):",
    " * the block a xor b of C arrays as 16 arguments; IN1 xor OPc likewise;",
    " * the same as 16 explicit equalities on x; x[j] == f(args, j) for each",
    " * j; and ml_sel read back as array access. */",
    macro("MLS_XORM16", "a, b", lst("ml_xor((a)[{j}], (b)[{j}])")),
    macro("MLS_XOREQ16", "x, a, b",
          " && ".join("(x)[%d] == ml_xor((a)[%d], (b)[%d])" % (j, j, j) for j in range(N))),
    macro("MLS_XOREQ16_OLD", "x, a, b",
          " && ".join("(x)[%d] == ml_xor(\\old((a)[%d]), \\old((b)[%d]))" % (j, j, j)
                      for j in range(N))),
    macro("MLS_SAME16", "p",
          " && ".join("(p)[%d] == \\at((p)[%d], Pre)" % (j, j) for j in range(N))),
    macro("MLS_SAME6", "p",
          " && ".join("(p)[%d] == \\at((p)[%d], Pre)" % (j, j) for j in range(6))),
    macro("MLS_SAME2", "p",
          " && ".join("(p)[%d] == \\at((p)[%d], Pre)" % (j, j) for j in range(2))),
    macro("MLS_IN1XORM16", "s, a, o",
          ", ".join("ml_xor((%s)[%d], (o)[%d])" % ("s" if j % 8 < 6 else "a",
                                             j % 8 if j % 8 < 6 else j % 8 - 6, j)
                    for j in range(N))),
    macro("MLS_IN1EQ16", "x, s, a, o",
          " && ".join("(x)[%d] == ml_xor((%s)[%d], (o)[%d])" % (j, "s" if j % 8 < 6 else "a",
                                                       j % 8 if j % 8 < 6 else j % 8 - 6, j)
                      for j in range(N))),
    macro("MLS_MAPEQ16", "x, f, ...",
          " && ".join("(x)[%d] == f(__VA_ARGS__, %d)" % (j, j) for j in range(N))),
    macro("MLS_SEL_OK", "p",
          "(\\forall integer m; 0 <= m < 16 ==> ml_sel(MLS_MEM16(p), m) == (p)[m])"),
    "/* TS 35.206 4.1 default constants: r1 .. r5 = 64, 0, 32, 64, 96 bits;",
    " * c1 .. c5 = the 128-bit integers 0, 1, 2, 4, 8 (value in the last byte). */",
    "#define MLS_R1 64",
    "#define MLS_R2 0",
    "#define MLS_R3 32",
    "#define MLS_R4 64",
    "#define MLS_R5 96",
]
for n, v in ((1, 0), (2, 1), (3, 2), (4, 4), (5, 8)):
    MACROS.append("#define MLS_C%d %s" % (n, ", ".join(["0"] * 15 + [str(v)])))
MACROS.append("/* A parameter set holding exactly those defaults (explicit, for the")
MACROS.append(" * provers). */")
MACROS.append(macro("MLS_DEFAULT_PARAMS", "p", " && ".join(
    ["(p)->r[%d] == MLS_R%d" % (n, n + 1) for n in range(5)] +
    ["(p)->c[%d] == %d" % (16 * n + j, (0 if j < 15 else (0, 1, 2, 4, 8)[n]))
     for n in range(5) for j in range(N)])))

HEADER = """\
/* milenage.acsl - the formal meaning of MILENAGE (3GPP TS 35.206 4.1) given
 * AES-128, used by the contracts of core/aes128.h and core/milenage.h.
 *
 * GENERATED by spec/gen_milenage_acsl.py: edit the script, not this file.
 *
 * Everything is at byte level: a 128-bit block is 16 integers (byte 0 is the
 * most significant byte), and each quantity below is a logic function
 * returning byte i (0 <= i < 16) of the block it names.  The only
 * assumption is the abstract AES: AESb(k0..k15, x0..x15, i) is byte i of
 * E_K(X) (FIPS-197), declared with a 0..255 range axiom and nothing else.
 * Every other function is a definition.  Symbols follow TS 35.206 4.1:
 *
 *   OPc  = OP xor E_K(OP)
 *   TEMP = E_K(RAND xor OPc)
 *   OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc,
 *          IN1 = SQN || AMF || SQN || AMF
 *   OUTk = E_K(rot(TEMP xor OPc, rk) xor ck) xor OPc,     k = 2 .. 5
 *   f1 = OUT1[0..63]  f1* = OUT1[64..127]  f5 = OUT2[0..47]
 *   f2 = OUT2[64..127]  f3 = OUT3  f4 = OUT4  f5* = OUT5[0..47]
 *
 * rot(X, r) is defined for every r in 0..127 bits.  The functional contracts
 * in core/milenage.h are proved for whole-byte rotations (r % 8 == 0: every
 * default value); bit rotations are checked by the differential tests
 * (proofs/README.md).
 *
 * Included (once) from core/aes128.h and core/milenage.h when Frama-C parses
 * them.  harness/spec_milenage.c transcribes these definitions into C, and
 * harness/test_milenage_spec.c evaluates them on the TS 35.208 test sets.
 */
#ifndef KL_MILENAGE_ACSL
#define KL_MILENAGE_ACSL
"""

SPEC = r"""
/*@
  // ---- AES-128, abstract ----------------------------------------------
  // AESb(K, X, i): byte i of E_K(X), the FIPS-197 cipher under key K.
  axiomatic MLS_AES128 {
    logic integer AESb(MLS_P16(k), MLS_P16(x), integer i);
    axiom AESb_range:
      \forall MLS_P16(k), MLS_P16(x), integer i;
        0 <= AESb(MLS_A16(k), MLS_A16(x), i) <= 255;
  }

  // ---- bytes and blocks -------------------------------------------------
  // XOR of two bytes.  (A named function rather than ^ in place: the
  // simplifier reorders the arguments of ^, the provers do not know ^ is
  // commutative, and spec and code must name the same terms.)
  logic integer ml_xor(integer a, integer b) = a ^ b;

  // Byte i of the block X (0 <= i < 16).
  logic integer ml_sel(MLS_P16(x), integer i) =
    i == 0 ? x0 : i == 1 ? x1 : i == 2 ? x2 : i == 3 ? x3 :
    i == 4 ? x4 : i == 5 ? x5 : i == 6 ? x6 : i == 7 ? x7 :
    i == 8 ? x8 : i == 9 ? x9 : i == 10 ? x10 : i == 11 ? x11 :
    i == 12 ? x12 : i == 13 ? x13 : i == 14 ? x14 : x15;

  // The offset of the 16-byte block holding byte m of a buffer of at most
  // four blocks (0 <= m < 64): 16 * (m / 16), written by cases because the
  // provers reason about comparisons far more easily than about division.
  logic integer ml_blk(integer m) =
    m < 16 ? 0 : m < 32 ? 16 : m < 48 ? 32 : 48;

  // 2^s for 0 <= s <= 8.
  logic integer ml_pow2(integer s) =
    s == 0 ? 1 : s == 1 ? 2 : s == 2 ? 4 : s == 3 ? 8 : s == 4 ? 16 :
    s == 5 ? 32 : s == 6 ? 64 : s == 7 ? 128 : 256;

  // rot(X, r), 0 <= r < 128: X cyclically rotated by r bits towards the
  // most significant bit.  Byte i of the result is bits 8i+r .. 8i+r+7 of X
  // (mod 128): the low 8 - r%8 bits of byte (i + r/8) % 16 followed by the
  // high r%8 bits of byte (i + r/8 + 1) % 16.  For r % 8 == 0 this is byte
  // (i + r/8) % 16.
  logic integer ml_rot(MLS_P16(x), integer r, integer i) =
    (ml_sel(MLS_A16(x), (i + r / 8) % 16) * ml_pow2(r % 8) +
     ml_sel(MLS_A16(x), (i + r / 8 + 1) % 16) / ml_pow2(8 - r % 8)) % 256;

  // ---- OPc ----------------------------------------------------------------
  // OPc = OP xor E_K(OP).
  logic integer ml_opc(MLS_P16(k), MLS_P16(op), integer i) =
    ml_xor(AESb(MLS_A16(k), MLS_A16(op), i), ml_sel(MLS_A16(op), i));

  // ---- TEMP ---------------------------------------------------------------
  // TEMP = E_K(RAND xor OPc).
  logic integer ml_temp(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), integer i) =
    AESb(MLS_A16(k), MLS_XOR16(rnd, o), i);

  // ---- OUT1, given TEMP ------------------------------------------------------
  // The AES input of OUT1: TEMP xor rot(IN1 xor OPc, r1) xor c1.
  logic integer ml_out1_in(MLS_P16(t), MLS_P16(o), MLS_P6(s), MLS_P2(a),
                           integer r, MLS_P16(c), integer i) =
    ml_xor(ml_xor(ml_sel(MLS_A16(t), i), ml_rot(MLS_IN1_XOR16(s, a, o), r, i)),
           ml_sel(MLS_A16(c), i));

  // E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1).
  logic integer ml_out1_e(MLS_P16(k), MLS_P16(t), MLS_P16(o), MLS_P6(s),
                          MLS_P2(a), integer r, MLS_P16(c), integer i) =
    AESb(MLS_A16(k),
         MLS_MAP16(ml_out1_in, MLS_A16(t), MLS_A16(o), MLS_A6(s), MLS_A2(a),
                   r, MLS_A16(c)), i);

  // OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc.
  logic integer ml_out1(MLS_P16(k), MLS_P16(t), MLS_P16(o), MLS_P6(s),
                        MLS_P2(a), integer r, MLS_P16(c), integer i) =
    ml_xor(ml_out1_e(MLS_A16(k), MLS_A16(t), MLS_A16(o), MLS_A6(s), MLS_A2(a),
                     r, MLS_A16(c), i),
           ml_sel(MLS_A16(o), i));

  // ---- OUTk (k = 2 .. 5), given TEMP ------------------------------------------
  // The AES input of OUTk: rot(TEMP xor OPc, rk) xor ck.
  logic integer ml_outk_in(MLS_P16(t), MLS_P16(o), integer r, MLS_P16(c),
                           integer i) =
    ml_xor(ml_rot(MLS_XOR16(t, o), r, i), ml_sel(MLS_A16(c), i));

  // E_K(rot(TEMP xor OPc, rk) xor ck).
  logic integer ml_outk_e(MLS_P16(k), MLS_P16(t), MLS_P16(o), integer r,
                          MLS_P16(c), integer i) =
    AESb(MLS_A16(k), MLS_MAP16(ml_outk_in, MLS_A16(t), MLS_A16(o), r,
                               MLS_A16(c)), i);

  // OUTk = E_K(rot(TEMP xor OPc, rk) xor ck) xor OPc.
  logic integer ml_outk(MLS_P16(k), MLS_P16(t), MLS_P16(o), integer r,
                        MLS_P16(c), integer i) =
    ml_xor(ml_outk_e(MLS_A16(k), MLS_A16(t), MLS_A16(o), r, MLS_A16(c), i),
           ml_sel(MLS_A16(o), i));

  // ---- the functions, from K, OPc, RAND (SQN, AMF) and the constants -------
  // OUT1 and OUTk with TEMP = E_K(RAND xor OPc).
  logic integer ml_OUT1(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), MLS_P6(s),
                        MLS_P2(a), integer r, MLS_P16(c), integer i) =
    ml_out1(MLS_A16(k), MLS_MAP16(ml_temp, MLS_A16(k), MLS_A16(o), MLS_A16(rnd)),
            MLS_A16(o), MLS_A6(s), MLS_A2(a), r, MLS_A16(c), i);
  logic integer ml_OUTk(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), integer r,
                        MLS_P16(c), integer i) =
    ml_outk(MLS_A16(k), MLS_MAP16(ml_temp, MLS_A16(k), MLS_A16(o), MLS_A16(rnd)),
            MLS_A16(o), r, MLS_A16(c), i);

  // f1 = OUT1[0..63] (MAC-A), byte i < 8.
  logic integer ml_f1(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), MLS_P6(s),
                      MLS_P2(a), integer r1, MLS_P16(c1), integer i) =
    ml_OUT1(MLS_A16(k), MLS_A16(o), MLS_A16(rnd), MLS_A6(s), MLS_A2(a), r1,
            MLS_A16(c1), i);
  // f1* = OUT1[64..127] (MAC-S), byte i < 8.
  logic integer ml_f1star(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), MLS_P6(s),
                          MLS_P2(a), integer r1, MLS_P16(c1), integer i) =
    ml_OUT1(MLS_A16(k), MLS_A16(o), MLS_A16(rnd), MLS_A6(s), MLS_A2(a), r1,
            MLS_A16(c1), i + 8);
  // f2 = OUT2[64..127] (RES), byte i < 8.
  logic integer ml_f2(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), integer r2,
                      MLS_P16(c2), integer i) =
    ml_OUTk(MLS_A16(k), MLS_A16(o), MLS_A16(rnd), r2, MLS_A16(c2), i + 8);
  // f3 = OUT3 (CK), byte i < 16.
  logic integer ml_f3(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), integer r3,
                      MLS_P16(c3), integer i) =
    ml_OUTk(MLS_A16(k), MLS_A16(o), MLS_A16(rnd), r3, MLS_A16(c3), i);
  // f4 = OUT4 (IK), byte i < 16.
  logic integer ml_f4(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), integer r4,
                      MLS_P16(c4), integer i) =
    ml_OUTk(MLS_A16(k), MLS_A16(o), MLS_A16(rnd), r4, MLS_A16(c4), i);
  // f5 = OUT2[0..47] (AK), byte i < 6.
  logic integer ml_f5(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), integer r2,
                      MLS_P16(c2), integer i) =
    ml_OUTk(MLS_A16(k), MLS_A16(o), MLS_A16(rnd), r2, MLS_A16(c2), i);
  // f5* = OUT5[0..47] (AK*), byte i < 6.
  logic integer ml_f5star(MLS_P16(k), MLS_P16(o), MLS_P16(rnd), integer r5,
                          MLS_P16(c5), integer i) =
    ml_OUTk(MLS_A16(k), MLS_A16(o), MLS_A16(rnd), r5, MLS_A16(c5), i);
*/

#endif
"""


def main():
    print(HEADER)
    print("\n".join(MACROS))
    print(SPEC, end="")


if __name__ == "__main__":
    main()
