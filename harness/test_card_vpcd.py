#!/usr/bin/python3
# test_card_vpcd.py - the PC/SC client of harness/test_card_vpcd.c: a thin
# pyscard runner; every check is made by the C test.
#
#   /usr/bin/python3 harness/test_card_vpcd.py READER SECONDS APDU...
#
# Waits up to SECONDS for a card in the reader whose name contains READER,
# connects (T=0 or T=1, whatever the ATR offers), prints "atr HEX" and
# "protocol T0|T1|other", then sends each APDU (hex) as given and prints
# each response as one line of hex (data, SW1 SW2).  Exit 0, or 3 with a
# reason on stderr when no card came.  pyscard exists for Debian's
# /usr/bin/python3 only.
import sys
import time

from smartcard.CardConnection import CardConnection
from smartcard.System import readers


def main():
    want, seconds, apdus = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    deadline = time.monotonic() + seconds
    conn, last = None, "no attempt"
    while time.monotonic() < deadline:
        try:
            rs = [r for r in readers() if want in str(r)]
            if rs:
                c = rs[0].createConnection()
                c.connect()
                conn = c
                break
            last = "no reader named %r yet" % want
        except Exception as e:  # pcscd not up yet, or no card yet
            last = "%s: %s" % (type(e).__name__, e)
        time.sleep(0.1)
    if conn is None:
        sys.stderr.write("no card within %.0f s (%s)\n" % (seconds, last))
        return 3
    print("atr", bytes(conn.getATR()).hex())
    proto = conn.getProtocol()
    print("protocol", {CardConnection.T0_protocol: "T0",
                       CardConnection.T1_protocol: "T1"}.get(proto, "other"))
    for a in apdus:
        data, sw1, sw2 = conn.transmit(list(bytes.fromhex(a)))
        print(bytes(list(data) + [sw1, sw2]).hex())
    sys.stdout.flush()
    conn.disconnect()
    return 0


if __name__ == "__main__":
    sys.exit(main())
