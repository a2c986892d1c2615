/* test_auth_vectors.h - the 3G AUTHENTICATE vectors that the card's trace
 * and PC/SC tests send, built with the independent harness/ref_milenage.
 * Header-only: included by harness/test_card_trace.c and test_card_vpcd.c. */
#ifndef KL_TEST_AUTH_VECTORS_H
#define KL_TEST_AUTH_VECTORS_H

#include <stdio.h>
#include <string.h>

#include "ref_milenage.h"
#include "testlib.h"

#define AUTH_K "465b5ce8b199b49faa5f0a2ee238a6bc"
#define AUTH_OPC "cd63cb71954a9f4e48a5994e37a02baf"
#define AUTH_RAND "23553cbe9637a89d218ae64dae47bf35"
#define AUTH_SQN "000000000040" /* SEQ 2, IND 0: fresh */
#define AUTH_AMF "8000"

/* The 3G AUTHENTICATE (TS 31.102 7.1.2.1) for AUTH_SQN, with AUTN built
 * by harness/ref_milenage (OpenSSL AES): apdu (with Le 00 when le),
 * bad = the same with MAC-A's last bit flipped, ok = the expected success
 * response "DB 08 RES 10 CK 10 IK" || 9000 (EF_UST service 27 is off in
 * the profile: no Kc), sync = the expected resynchronisation response
 * "DC 0E AUTS" || 9000 once AUTH_SQN is the highest accepted, AUTS =
 * (SQN_MS xor AK*) || MAC-S with AMF 0000 (TS 33.102 6.3.3). */
static int auth_vectors(int le, char *apdu, char *bad, char *ok, char *sync)
{
    uint8_t k[16], opc[16], rnd[16], sqn[6], amf[2], z[2] = {0, 0},
        autn[16], auts[14], rsp[44];
    ref_milenage_out o, os;
    char a[80], r[100];
    if (tl_hex2bin(AUTH_K, k, 16) || tl_hex2bin(AUTH_OPC, opc, 16) ||
        tl_hex2bin(AUTH_RAND, rnd, 16) || tl_hex2bin(AUTH_SQN, sqn, 6) ||
        tl_hex2bin(AUTH_AMF, amf, 2) ||
        ref_milenage(NULL, k, opc, 1, rnd, sqn, amf, &o) != 0 ||
        ref_milenage(NULL, k, opc, 1, rnd, sqn, z, &os) != 0)
        return -1;
    for (int i = 0; i < 6; i++) {
        autn[i] = sqn[i] ^ o.f5[i];
        auts[i] = sqn[i] ^ os.f5star[i];
    }
    memcpy(autn + 6, amf, 2);
    memcpy(autn + 8, o.f1, 8);
    memcpy(auts + 6, os.f1star, 8);
    tl_bin2hex(autn, 16, a);
    sprintf(apdu, "0088008122" "10" AUTH_RAND "10%s%s", a, le ? "00" : "");
    autn[15] ^= 1;
    tl_bin2hex(autn, 16, a);
    sprintf(bad, "0088008122" "10" AUTH_RAND "10%s%s", a, le ? "00" : "");
    rsp[0] = 0xDB, rsp[1] = 8;
    memcpy(rsp + 2, o.f2, 8);
    rsp[10] = 16;
    memcpy(rsp + 11, o.f3, 16);
    rsp[27] = 16;
    memcpy(rsp + 28, o.f4, 16);
    tl_bin2hex(rsp, 44, r);
    sprintf(ok, "%s9000", r);
    tl_bin2hex(auts, 14, a);
    sprintf(sync, "dc0e%s9000", a);
    return 0;
}

#endif
