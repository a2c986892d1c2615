/* scheme.pml - the operator-change scheme of kilist as a Promela model,
 * checked with spin by `make model` (ci/model.sh).  spec/scheme.md is the
 * written specification; its section 9 lists every property and the result.
 *
 * Configurations (spin -D...):
 *   (none)          3b, pre-configured key list; the current operator runs
 *                   the switch with the active entry's OTA keys
 *   TRUSTED         3b, trusted-switch variant: the switch TAR accepts only
 *                   the common OTA key of the trusted entity (TE)
 *   SCHEME_3A       3a, Ki transfer: one credential set, "IMSI := x" on the
 *                   switch TAR, hand-over of the keys, re-key by the new
 *                   operator
 *   SCHEME_3A + NO_OBSERVE   3a under the trust assumption that no operator
 *                   reads OTA traffic that is not its own
 *   BROKEN_NO_COUNTER, NO_ONCE_FLAG (3b)  findings: checks the scheme does
 *                   not need for its properties (spec/scheme.md 9.3)
 * Broken variants (each must violate the property named in ci/model.sh):
 *   BROKEN_CUST_NO_RECEIPT  custodian releases on the hand-over alone
 *   BROKEN_CUST_REPLAY      custodian without the next-index/once rule
 *   BROKEN_NONATOMIC        switch committed in two steps (EF_IMSI first)
 *   BROKEN_INDEX_BACK       card accepts any other index, also a retired one
 *   BROKEN_BRICK            exhausted card retires its last entry
 *   BROKEN_NO_COUNTER       (with SCHEME_3A) card does not check CNTR
 *
 * Abstraction.  A key is a symbol: a party holds it or not (know[], one bit
 * per key).  Entry e's Ki, KIc/KID and OPc always travel together (they are
 * one secret block, KL_KEYLIST_SEC_*, core/keylist.h), so one bit KEY(e)
 * stands for all four.  Cryptography is perfect: a checksum verifies only
 * under the key it was made with; a packet ciphered under a key reveals its
 * content only to holders of that key; a wrapped release reveals the entry
 * only to its recipient; a signature or a receipt MAC cannot be made without
 * its key.  The OTA channel is the attacker's: every packet ever sent stays
 * in `pool` and the card may receive any of them, any number of times, in
 * any order, or never (drop, replay, reorder); a forged packet (a changed
 * field, or a checksum without the key) is pool slot PF.  Power can fail
 * during any command: before the commit (old state, no PoR) or after it
 * (new state, no PoR); the commit itself is atomic, as core/txn.h makes it.
 *
 * Names follow the code: kl_active (kl_keylist.active; `active` is a
 * Promela keyword), KL_KEYLIST_UNUSED/ACTIVE/RETIRED
 * (core/keylist.h kl_keylist), EF_IMSI (imsi), the OTA counter CNTR
 * (docs/standards.md 3.6), the switch receipt (spec/scheme.md 4.3), and the
 * planned commands KL_OTA_SWITCH and KL_OTA_REKEY (spec/scheme.md 4).
 */

#define N       3   /* KL_KEYLIST_ENTRIES in the model: entries 0 .. N-1 */
#define NOP     3   /* operators: 0 = MNO A, 1 = MNO B, 2 = MNO C */
#define CUST    3   /* party ids after the operators */
#define TE      4
#define ATT     5
#define NPARTY  6
#define NONE    255

#define KL_KEYLIST_UNUSED  0
#define KL_KEYLIST_ACTIVE  1
#define KL_KEYLIST_RETIRED 2

/* Packet kinds: the two planned OTA commands. */
#define KL_OTA_SWITCH 1     /* 3b: IMSI := tgt, move to entry idx; 3a: IMSI := tgt */
#define KL_OTA_REKEY  2     /* 3a: replace the active entry's keys by key nk */

/* Key ids (bit numbers in know[]).  3b: 0 .. N-1 are the entries' key
 * sets, TKEY the common OTA key.  3a: 0 .. NGEN-1 are the generations of
 * the one credential set (0 = personalised, then one per re-key). */
#define TKEY    N
#define BADKEY  7           /* no party holds it: a forged checksum */
#define BIT(k)  (1 << (k))
#define HOLDS(p, k) ((know[p] & BIT(k)) != 0)

#ifndef P                   /* packets the parties may send in all (3 or 4) */
#ifdef SCHEME_3A
#define P  4
#else
#define P  3
#endif
#endif
#define PF P                /* pool slot of the forged packet */
#define H  3                /* hand-overs the operators may sign in all */

typedef pkt_t {
    byte kind;  /* KL_OTA_SWITCH, KL_OTA_REKEY */
    byte key;   /* key id of the checksum (and ciphering) */
    byte cntr;  /* CNTR */
    byte tgt;   /* switch: the operator whose IMSI is set */
    byte idx;   /* 3b switch: the new index */
    byte nk;    /* 3a re-key: the new key id */
    byte ep;    /* ghost: 3a switch number, in the order they were sent */
    byte by     /* ghost: sender */
};
pkt_t pool[P + 1];
byte npkt;
byte scntr[8];          /* senders' counter per key id (shared by its holders) */

byte know[NPARTY];      /* who holds which key */

/* ---- the card's persistent state (one commit, core/txn.h) ----------- */
byte kl_active;         /* kl_keylist.active */
byte st[N];             /* kl_keylist.entry[e].state */
byte imsi;              /* EF_IMSI: the operator it belongs to */
byte cntr[8];           /* CNTR stored per keyset (key id) */
byte last_pkt = NONE;   /* digest of the last accepted switch: its resend gets the stored receipt */
byte gen;               /* 3a: key id of the active entry's keys */
/* ---- the card's outputs, seen by everybody ---------------------------- */
byte rcpt[N];           /* switch receipts (idx, IMSI) issued: bit t of rcpt[idx] */
byte ack;               /* 3a: bit per packet slot, PoR "00" seen */
/* ---- ghosts for the properties (observers only; no party reads them) -- */
bool busy;              /* inside a non-atomic switch (BROKEN_NONATOMIC) */
bool made;              /* personalisation done (init): the properties start there */
byte pre_imsi, pre_act, post_imsi, post_act; /* last switch the card started */
byte was_ret;           /* bit e: entry e was retired at some time */
byte ep;                /* 3a: number of the last switch applied */
byte keyed_by = NONE;   /* 3a: operator that re-keyed the card since it got it (NONE) */

/* ---- the custodian and the operators' HLRs ---------------------------- */
typedef ho_t {
    byte by;    /* signer */
    byte tgt;   /* next operator */
    byte idx;   /* next index */
    bool rv     /* a valid switch receipt (idx, IMSI of tgt) is attached */
};
ho_t ho[H];
byte nho;
byte cust_idx;          /* index the custodian last released (0: to the first operator) */
byte cust_op;           /* operator it went to */
byte released[N];       /* custodian's record */
byte rel_to[N] = NONE;  /* ghost: to whom entry e was released */
byte nrel[N];           /* ghost: releases of entry e */
byte hlr[NOP];          /* entry (3a: key id) each operator's HLR holds, NONE */
byte baton;             /* 3a: operator that holds the card (last hand-over) */

/* ====================== properties ==================================== */
#ifndef SCHEME_3A
/* P1: the active entry's keys are held only by the custodian and the
 * operator whose IMSI the card presents (and the card). */
#define OK_HOLD(p) (imsi == p || !HOLDS(p, kl_active))
#define P1 (OK_HOLD(0) && OK_HOLD(1) && OK_HOLD(2) && !HOLDS(TE, kl_active) && !HOLDS(ATT, kl_active))
ltl p1_keys { [] P1 }
/* P2: the active index never decreases ... */
ltl p2_monotone { [] ((kl_active >= 1 -> [] (kl_active >= 1)) && (kl_active >= 2 -> [] (kl_active >= 2))) }
/* ... and no retired entry authenticates again: AUTHENTICATE uses the
 * active entry only (docs/architecture.md 2.3), so this is "the active
 * entry has never been retired". */
ltl p2_retired { [] ((was_ret & BIT(kl_active)) == 0) }
/* P3: a switch ends with the new IMSI and the new entry together, or leaves
 * the old IMSI and the old entry, still active (never a mix). */
#define OLD_STATE (imsi == pre_imsi && kl_active == pre_act && st[pre_act] == KL_KEYLIST_ACTIVE)
#define NEW_STATE (imsi == post_imsi && kl_active == post_act && st[post_act] == KL_KEYLIST_ACTIVE && \
                   (post_act == pre_act || st[pre_act] == KL_KEYLIST_RETIRED))
ltl p3_atomic { [] (!made || busy || OLD_STATE || NEW_STATE) }
/* P4: the custodian releases entry i only to the operator named in a switch
 * receipt the card issued for i, and at most once. */
#define RCPT_OK(i) (rel_to[i] == NONE || (rcpt[i] & BIT(rel_to[i])) != 0)
ltl p4_receipt { [] (RCPT_OK(1) && RCPT_OK(2)) }
ltl p4_once { [] (nrel[0] <= 1 && nrel[1] <= 1 && nrel[2] <= 1) }
/* P5: once the last entry is active the card stays on it, active, with the
 * same IMSI: it refuses every switch and keeps working. */
#define EXH(k) (kl_active == N - 1 && st[N - 1] == KL_KEYLIST_ACTIVE && imsi == k)
ltl p5_exhausted { [] ((EXH(0) -> [] EXH(0)) && (EXH(1) -> [] EXH(1)) && (EXH(2) -> [] EXH(2))) }
#else
/* 3a P1: once the operator the card belongs to has re-keyed it, nobody
 * else holds the active keys: no other operator (a1_ops), not the
 * manufacturer (a1_cust), not the attacker (a1_att). */
#define ALONE(p) (imsi == p || !HOLDS(p, gen))
ltl a1_ops { [] (keyed_by != imsi || (ALONE(0) && ALONE(1) && ALONE(2))) }
ltl a1_cust { [] (keyed_by != imsi || !HOLDS(CUST, gen)) }
ltl a1_att { [] (keyed_by != imsi || !HOLDS(ATT, gen)) }
/* 3a P2: the switches take effect in the order they were sent: no stale
 * (replayed) switch takes the card back. */
ltl a2_order { [] ((ep >= 1 -> [] (ep >= 1)) && (ep >= 2 -> [] (ep >= 2))) }
#endif

/* ====================== the card ====================================== */
#ifndef SCHEME_3A
#ifdef TRUSTED
#define SWITCH_KEY TKEY        /* the switch TAR's keyset */
#else
#define SWITCH_KEY kl_active
#endif

/* One command packet on the switch TAR, then the PoR.  cut: 0 no power
 * loss, 1 before the commit, 2 after the commit (before the PoR).  Order
 * of the checks: docs/standards.md 3.6 (checksum, counter, then the
 * command); a refused command leaves the state unchanged (no commit). */
inline card_switch(k, cut)
{
    if
    :: k == last_pkt && k != PF ->
        /* the same packet again (a resend after a lost PoR, or a replay):
         * the stored receipt again, no state change */
        if
        :: cut == 0 -> rcpt[kl_active] = rcpt[kl_active] | BIT(imsi)
        :: else -> skip
        fi
    :: else ->
        if
        :: pool[k].key != SWITCH_KEY -> skip          /* status 01: RC/CC/DS failed */
#ifndef BROKEN_NO_COUNTER
        :: pool[k].key == SWITCH_KEY && pool[k].cntr <= cntr[pool[k].key] -> skip /* 02 */
#endif
        :: else ->
            /* the counter is written before the command runs (3.6) */
            if
            :: cut != 1 -> cntr[pool[k].key] = pool[k].cntr
            :: else -> skip
            fi;
            if
#ifdef BROKEN_BRICK
            :: kl_active == N - 1 ->
                /* exhausted: the old entry is retired before the index is checked */
                if
                :: cut != 1 -> st[kl_active] = KL_KEYLIST_RETIRED; was_ret = was_ret | BIT(kl_active)
                :: else -> skip
                fi
#else
            :: kl_active == N - 1 -> skip                     /* KL_KEYLIST_E_EXHAUSTED */
#endif
#ifdef BROKEN_INDEX_BACK
            :: kl_active < N - 1 && (pool[k].idx >= N || pool[k].idx == kl_active) -> skip
            :: kl_active < N - 1 && pool[k].idx < N && pool[k].idx != kl_active ->
#else
            :: kl_active < N - 1 && pool[k].idx != kl_active + 1 -> skip /* KL_KEYLIST_E_INDEX */
            :: kl_active < N - 1 && pool[k].idx == kl_active + 1 ->
#endif
                pre_imsi = imsi; pre_act = kl_active;
                post_imsi = pool[k].tgt; post_act = pool[k].idx;
                if
                :: cut == 1 -> skip                        /* old state */
                :: else ->
#ifdef BROKEN_NONATOMIC
                    imsi = pool[k].tgt; busy = 1           /* first commit: EF_IMSI only */
#else
                    /* one commit: EF_IMSI, the index, the new entry's counter */
                    st[kl_active] = KL_KEYLIST_RETIRED; was_ret = was_ret | BIT(kl_active);
                    kl_active = pool[k].idx; st[kl_active] = KL_KEYLIST_ACTIVE;
                    imsi = pool[k].tgt; last_pkt = k;
                    if
                    :: cut == 0 -> rcpt[kl_active] = rcpt[kl_active] | BIT(imsi)
                    :: else -> skip
                    fi
#endif
                fi
            fi
        fi
    fi
}

/* The attacker owns the OTA channel: it chooses which packet of the pool
 * reaches the card, when, how often, or never (drop, replay, reorder),
 * and whether power fails (cut 1 or 2); slot PF is its forgery.  It holds
 * no key (know[ATT] = 0); switch packets carry no key material, so reading
 * them teaches it nothing. */
active proctype Attacker()
{
end:
    do
    :: d_step { !busy && npkt > 0 -> card_switch(0, 0) }
    :: d_step { !busy && npkt > 0 -> card_switch(0, 1) }
    :: d_step { !busy && npkt > 0 -> card_switch(0, 2) }
    :: d_step { !busy && npkt > 1 -> card_switch(1, 0) }
    :: d_step { !busy && npkt > 1 -> card_switch(1, 1) }
    :: d_step { !busy && npkt > 1 -> card_switch(1, 2) }
    :: d_step { !busy && npkt > 2 -> card_switch(2, 0) }
    :: d_step { !busy && npkt > 2 -> card_switch(2, 1) }
    :: d_step { !busy && npkt > 2 -> card_switch(2, 2) }
#if P > 3
    :: d_step { !busy && npkt > 3 -> card_switch(3, 0) }
    :: d_step { !busy && npkt > 3 -> card_switch(3, 1) }
    :: d_step { !busy && npkt > 3 -> card_switch(3, 2) }
#endif
    :: d_step { !busy -> card_switch(PF, 0) }       /* forged packet */
    od
}

#ifdef BROKEN_NONATOMIC
/* The card's second commit of a non-atomic switch (broken variant only;
 * the real card's commands are single d_steps of the attacker's delivery:
 * the card has no step of its own). */
active proctype Card()
{
end:
    do
    :: d_step { busy ->                                 /* second commit: the index */
        st[kl_active] = KL_KEYLIST_RETIRED; was_ret = was_ret | BIT(kl_active);
        kl_active = post_act; st[kl_active] = KL_KEYLIST_ACTIVE; busy = 0;
        rcpt[kl_active] = rcpt[kl_active] | BIT(imsi) }
    :: d_step { busy -> busy = 0 }                     /* power lost between the commits */
    od
}
#endif

/* ====================== operators, trusted entity ===================== */
/* Any holder of a key may send a switch with it, for any target (former
 * operators included: the card does not trust them).  The index is the
 * next one or 0; every other wrong index is refused by the same check. */
inline send_switch(p, kid)
{
    atomic {
        npkt < P && HOLDS(p, kid) ->
        pool[npkt].kind = KL_OTA_SWITCH; pool[npkt].key = kid;
        scntr[kid]++; pool[npkt].cntr = scntr[kid];
        if
        :: pool[npkt].tgt = 0
        :: pool[npkt].tgt = 1
        :: pool[npkt].tgt = 2
        fi;
        /* the next index (the only one a correct card accepts; N is past
         * the end), or index 0: back, or the same */
        if
        :: pool[npkt].idx = kid + 1
        :: pool[npkt].idx = 0
        fi;
        npkt++
    }
}

/* A signed hand-over naming the next operator and the index after the
 * sender's own entry, with the card's receipt if one exists (an operator
 * may also send one without). */
inline send_handover(p, kid)
{
    atomic {
        nho < H && HOLDS(p, kid) && kid + 1 < N ->
        ho[nho].by = p; ho[nho].idx = kid + 1;
        if
        :: p != 0 -> ho[nho].tgt = 0
        :: p != 1 -> ho[nho].tgt = 1
        :: p != 2 -> ho[nho].tgt = 2
        fi;
        ho[nho].rv = ((rcpt[ho[nho].idx] & BIT(ho[nho].tgt)) != 0);
        nho++
    }
}

/* In the trusted variant the switch TAR checks the common key only: a
 * packet under an entry's keys fails there like the forgery PF, so the
 * operators have no step of their own (they are not run). */
proctype Operator(byte p)
{
end:
    do
    :: send_switch(p, 0)
    :: send_switch(p, 1)
    :: send_switch(p, 2)
    :: send_handover(p, 0)
    :: send_handover(p, 1)
    od
}

#ifdef TRUSTED
active proctype Trusted()
{
end:
    do
    :: send_switch(TE, TKEY)
    :: atomic {      /* hand-over for the card's next index, with the receipt if any */
        nho < H ->
        ho[nho].by = TE;
        if
        :: ho[nho].tgt = 0
        :: ho[nho].tgt = 1
        :: ho[nho].tgt = 2
        fi;
        if
        :: ho[nho].idx = 1
        :: ho[nho].idx = 2
        fi;
        ho[nho].rv = ((rcpt[ho[nho].idx] & BIT(ho[nho].tgt)) != 0);
        nho++ }
    od
}
#endif

/* ====================== the custodian ================================= */
#ifdef TRUSTED
#define SIGNER_OK(h) (ho[h].by == TE)
#else
#define SIGNER_OK(h) (ho[h].by == cust_op)
#endif

#if defined(BROKEN_CUST_NO_RECEIPT)
#define RELEASE_OK(h) (SIGNER_OK(h) && ho[h].idx == cust_idx + 1 && released[ho[h].idx] == 0)
#elif defined(BROKEN_CUST_REPLAY)
/* signer: the operator the previous entry went to; no index, no once rule */
#define RELEASE_OK(h) (ho[h].rv && ho[h].by == rel_to[ho[h].idx - 1])
#elif defined(NO_ONCE_FLAG)
/* not broken: without its released[] record the custodian still releases
 * each entry at most once, by the next-index rule alone (spec/scheme.md 9.3) */
#define RELEASE_OK(h) (SIGNER_OK(h) && ho[h].idx == cust_idx + 1 && ho[h].rv)
#else
#define RELEASE_OK(h) (SIGNER_OK(h) && ho[h].idx == cust_idx + 1 && ho[h].rv && released[ho[h].idx] == 0)
#endif

/* A release goes wrapped for its recipient only (the attacker and the
 * others learn nothing from it) and provisions the recipient's HLR. */
inline custodian_check(h)
{
    if
    :: RELEASE_OK(h) ->
        know[ho[h].tgt] = know[ho[h].tgt] | BIT(ho[h].idx);
        released[ho[h].idx] = 1; rel_to[ho[h].idx] = ho[h].tgt;
        nrel[ho[h].idx]++;
        cust_idx = ho[h].idx; cust_op = ho[h].tgt
    :: else -> skip       /* refused, with its reason in the audit log */
    fi
}

active proctype Custodian()
{
end:
    do
    :: d_step { nho > 0 -> custodian_check(0) }
    :: d_step { nho > 1 -> custodian_check(1) }
    :: d_step { nho > 2 -> custodian_check(2) }
    od
}

init {
    atomic {
        /* personalisation: entry 0 active, the others unused; IMSI of A */
        kl_active = 0; st[0] = KL_KEYLIST_ACTIVE; imsi = 0;
        /* the custodian holds every entry, the receipt key and (trusted
         * variant) the common key; entry 0 is revealed to A */
        know[CUST] = BIT(0) | BIT(1) | BIT(2) | BIT(TKEY);
        know[0] = BIT(0);
#ifdef TRUSTED
        know[TE] = BIT(TKEY);
#endif
        hlr[0] = 0; hlr[1] = NONE; hlr[2] = NONE;
        rel_to[0] = 0; nrel[0] = 1; released[0] = 1; rcpt[0] = BIT(0);
        cust_idx = 0; cust_op = 0;
        pool[PF].key = BADKEY; pool[PF].kind = KL_OTA_SWITCH; pool[PF].tgt = 1; pool[PF].idx = 1;
#ifndef TRUSTED
        run Operator(0); run Operator(1); run Operator(2);
#endif
        made = 1
    }
}

#else /* ================= SCHEME_3A ===================================== */

#define NGEN 3   /* key ids 0 (personalised), 1, 2 (re-keys) */
byte ngen = 1;   /* next fresh key id */
byte nep;        /* ghost: switches sent */
byte handed;     /* bit k: switch packet k has been handed over (once) */

/* cut as above.  KL_OTA_SWITCH sets EF_IMSI; KL_OTA_REKEY replaces the
 * active entry's keys (kl_keylist_rekey) and resets its counter. */
inline card_3a(k, cut)
{
    if
    :: pool[k].key != gen -> skip                        /* 01 */
#ifndef BROKEN_NO_COUNTER
    :: pool[k].key == gen && pool[k].cntr <= cntr[gen] -> skip /* 02 */
#endif
    :: else ->
        if
        :: cut == 1 -> skip
        :: else ->
            cntr[gen] = pool[k].cntr;
            if
            :: pool[k].kind == KL_OTA_SWITCH -> imsi = pool[k].tgt; ep = pool[k].ep; keyed_by = NONE
            :: pool[k].kind == KL_OTA_REKEY -> gen = pool[k].nk; keyed_by = pool[k].by
            fi;
            if
            :: cut == 0 -> ack = ack | BIT(k)
            :: else -> skip
            fi
        fi
    fi
}

active proctype Card()
{
end:
    do
    :: d_step { npkt > 0 -> card_3a(0, 0) }
    :: d_step { npkt > 0 -> card_3a(0, 1) }
    :: d_step { npkt > 0 -> card_3a(0, 2) }
    :: d_step { npkt > 1 -> card_3a(1, 0) }
    :: d_step { npkt > 1 -> card_3a(1, 1) }
    :: d_step { npkt > 1 -> card_3a(1, 2) }
    :: d_step { npkt > 2 -> card_3a(2, 0) }
    :: d_step { npkt > 2 -> card_3a(2, 1) }
    :: d_step { npkt > 2 -> card_3a(2, 2) }
#if P > 3
    :: d_step { npkt > 3 -> card_3a(3, 0) }
    :: d_step { npkt > 3 -> card_3a(3, 1) }
    :: d_step { npkt > 3 -> card_3a(3, 2) }
#endif
    :: d_step { card_3a(PF, 0) }
    od
}

/* Whoever sees an OTA packet and holds the key it is ciphered under reads
 * it.  Every operator, the manufacturer and the attacker see the OTA
 * traffic (an operator that knows Ki can also follow the radio link),
 * unless NO_OBSERVE: then only the attacker does, and it holds no key. */
inline observe(kid, nkid)
{
#ifndef NO_OBSERVE
    if :: HOLDS(0, kid) -> know[0] = know[0] | BIT(nkid) :: else -> skip fi;
    if :: HOLDS(1, kid) -> know[1] = know[1] | BIT(nkid) :: else -> skip fi;
    if :: HOLDS(2, kid) -> know[2] = know[2] | BIT(nkid) :: else -> skip fi;
    if :: HOLDS(CUST, kid) -> know[CUST] = know[CUST] | BIT(nkid) :: else -> skip fi;
#endif
    if :: HOLDS(ATT, kid) -> know[ATT] = know[ATT] | BIT(nkid) :: else -> skip fi
}

/* Only the operator that holds the card (baton) acts: 3a leaves the former
 * operators no part, and the model trusts them not to send (they hold
 * the keys until the re-key; see spec/scheme.md 7). */
proctype Operator(byte p)
{
    byte k;
end:
    do
    :: atomic { baton == p && npkt < P ->             /* IMSI := t */
        pool[npkt].kind = KL_OTA_SWITCH; pool[npkt].key = hlr[p];
        scntr[hlr[p]]++; pool[npkt].cntr = scntr[hlr[p]]; pool[npkt].by = p;
        if
        :: p != 0 -> pool[npkt].tgt = 0
        :: p != 1 -> pool[npkt].tgt = 1
        :: p != 2 -> pool[npkt].tgt = 2
        fi;
        nep++; pool[npkt].ep = nep;
        npkt++ }
    :: atomic { baton == p && npkt < P && ngen < NGEN && keyed_by != p ->   /* re-key */
        pool[npkt].kind = KL_OTA_REKEY; pool[npkt].key = hlr[p];
        scntr[hlr[p]]++; pool[npkt].cntr = scntr[hlr[p]]; pool[npkt].by = p;
        pool[npkt].nk = ngen; know[p] = know[p] | BIT(ngen);
        observe(hlr[p], ngen);
        ngen++; npkt++ }
    :: atomic { baton == p ->         /* PoR of my re-key seen: HLR uses the new keys */
        k = 0;
        do
        :: k < npkt && (ack & BIT(k)) && pool[k].kind == KL_OTA_REKEY && pool[k].by == p &&
           pool[k].key == hlr[p] -> hlr[p] = pool[k].nk; break
        :: k < npkt -> k++
        :: k >= npkt -> break
        od; k = 0 }
    :: atomic { baton == p ->         /* PoR of my switch seen: signed, wrapped hand-over */
        k = 0;
        do
        :: k < npkt && (ack & BIT(k)) && (handed & BIT(k)) == 0 &&
           pool[k].kind == KL_OTA_SWITCH && pool[k].by == p ->
            handed = handed | BIT(k);
            know[pool[k].tgt] = know[pool[k].tgt] | BIT(hlr[p]);
            hlr[pool[k].tgt] = hlr[p]; baton = pool[k].tgt;
            /* the new holder's switches of an earlier tenure are void:
             * it must never hand over on such an old PoR */
            k = 0;
            do
            :: k < npkt && pool[k].by == baton -> handed = handed | BIT(k); k++
            :: k < npkt && pool[k].by != baton -> k++
            :: k >= npkt -> break
            od;
            break
        :: k < npkt -> k++
        :: k >= npkt -> break
        od; k = 0 }
    od
}

init {
    atomic {
        gen = 0; imsi = 0; ep = 0;
        know[CUST] = BIT(0);      /* the manufacturer made the keys */
        know[0] = BIT(0);
        hlr[0] = 0; hlr[1] = NONE; hlr[2] = NONE; baton = 0;
        pool[PF].key = BADKEY; pool[PF].kind = KL_OTA_SWITCH; pool[PF].tgt = 1;
        run Operator(0); run Operator(1); run Operator(2)
    }
}
#endif
