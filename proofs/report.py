#!/usr/bin/env python3
"""Builds reports/proofs.md from WP's JSON report and log of each proof unit.

Per function: proof goals, goals proved, smoke tests passed, and the summed
solver time (Qed plus prover, read from the log's "Goal typed_<function>_..."
lines).  Per unit: the same totals and the wall time.

WP's JSON gives, per function, one entry per property plus a "wp:section"
entry that is the function's total; only the properties are counted (adding
the section total counted every goal twice).  Smoke tests (-wp-smoke-tests,
entries named "<function>_wp_smoke_...") are counted apart: WP reports a
passed smoke test as "valid" (the prover could not derive \\false) and a
failed one as "unknown".

Exits 1 if a unit has an unproved goal, a failed smoke test, or no report.
"""
import argparse
import json
import re
import sys
import time

GOAL = re.compile(r"^\[wp\] \[[^\]]+\] Goal typed_(\S+) : (\w+)(.*)$")
TIME = re.compile(r"\((?:Qed:)?([0-9.]+)(ms|s)\)")
SMOKE = "_wp_smoke_"


def seconds(rest):
    total = 0.0
    for value, unit in TIME.findall(rest):
        total += float(value) / (1000.0 if unit == "ms" else 1.0)
    return total


def count(props, smoke):
    """(total, valid) over the property entries, smoke tests or proof goals."""
    total = valid = 0
    for name, entry in props.items():
        if name == "wp:section" or (SMOKE in name) != smoke:
            continue
        total += entry["wp:main"]["total"]
        valid += entry["wp:main"].get("valid", 0)
    return total, valid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default="none")
    ap.add_argument("--smoke", default="1")
    ap.add_argument("--seconds", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("units", nargs="+")
    args = ap.parse_args()

    rows, failed = [], False
    tot = [0, 0, 0, 0]  # goals, proved, smoke tests, smoke tests passed
    for unit in args.units:
        try:
            with open(f"build/proofs/{unit}.json") as f:
                rep = json.load(f)
            with open(f"build/proofs/{unit}.log") as f:
                log = f.read().splitlines()
            with open(f"build/proofs/{unit}.time") as f:
                wall = f.read().split()[1]
        except (OSError, ValueError, IndexError) as e:
            print(f"proofs: no report for {unit}: {e}", file=sys.stderr)
            failed = True
            continue
        funcs = rep.get("wp:functions", {})
        names = sorted(funcs, key=len, reverse=True)
        times = {n: 0.0 for n in funcs}
        for line in log:
            m = GOAL.match(line)
            if not m:
                continue
            for n in names:  # longest function name that prefixes the goal
                if m.group(1).startswith(n + "_"):
                    times[n] += seconds(m.group(3))
                    break
        u = [0, 0, 0, 0]
        for n in sorted(funcs):
            goals, valid = count(funcs[n], smoke=False)
            st, sv = count(funcs[n], smoke=True)
            for i, v in enumerate((goals, valid, st, sv)):
                u[i] += v
            rows.append((unit, n, goals, valid, st, sv, times[n]))
        # Goals that belong to no function (lemmas, global annotations) are
        # in the unit's global total only.
        g = rep.get("wp:global", {}).get("wp:main", {})
        extra_t = g.get("total", 0) - u[0] - u[2]
        extra_v = g.get("valid", 0) - u[1] - u[3]
        if extra_t or extra_v:
            rows.append((unit, "(outside functions: lemmas, global annotations)",
                         extra_t, extra_v, 0, 0, None))
            u[0] += extra_t
            u[1] += extra_v
        for i in range(4):
            tot[i] += u[i]
        rows.append((unit, "(unit total, wall %ss)" % wall, *u, None))
        if u[0] == 0 or u[1] != u[0] or u[3] != u[2]:
            failed = True
        if args.smoke == "1" and u[2] == 0:
            print(f"proofs: {unit}: smoke tests asked for, none ran", file=sys.stderr)
            failed = True

    with open(args.out, "w") as f:
        f.write("# Proof report\n\n")
        f.write(f"Generated {time.strftime('%Y-%m-%d %H:%M:%S')} by `make proofs` "
                f"(cache mode `{args.cache}`, {args.seconds} s wall in all).\n\n")
        f.write(f"**{tot[1]} / {tot[0]} goals proved**"
                f"{'' if not failed else ' - UNPROVED GOALS OR FAILED SMOKE TESTS REMAIN'}.\n\n")
        if args.smoke == "1":
            f.write(f"Smoke tests (`-wp-smoke-tests`: no unsatisfiable precondition, no code "
                    f"dead under its contract): **{tot[3]} / {tot[2]} passed**.\n\n")
        else:
            f.write("Smoke tests were **not run** (`PROOF_SMOKE=0`).\n\n")
        f.write("| unit | function | goals | proved | smoke tests | smoke passed | solver time (s) |\n")
        f.write("|---|---|---:|---:|---:|---:|---:|\n")
        for unit, n, goals, valid, st, sv, t in rows:
            ts = "" if t is None else f"{t:.2f}"
            f.write(f"| {unit} | {n} | {goals} | {valid} | {st} | {sv} | {ts} |\n")
    print(f"proofs: {tot[1]} / {tot[0]} goals proved, {tot[3]} / {tot[2]} smoke tests passed; "
          f"table in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
