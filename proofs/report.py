#!/usr/bin/env python3
"""Builds reports/proofs.md from WP's JSON report and log of each proof unit.

Per function: goals, goals proved, and the summed solver time (Qed plus
prover, read from the log's "Goal typed_<function>_..." lines).  Exits 1 if a
unit has an unproved goal or no report at all.
"""
import argparse
import json
import re
import sys
import time

GOAL = re.compile(r"^\[wp\] \[[^\]]+\] Goal typed_(\S+) : (\w+)(.*)$")
TIME = re.compile(r"\((?:Qed:)?([0-9.]+)(ms|s)\)")


def seconds(rest):
    total = 0.0
    for value, unit in TIME.findall(rest):
        total += float(value) / (1000.0 if unit == "ms" else 1.0)
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default="none")
    ap.add_argument("--seconds", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("units", nargs="+")
    args = ap.parse_args()

    rows, failed = [], False
    tot_goals = tot_valid = 0
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
        for n in sorted(funcs):
            goals = sum(g["wp:main"]["total"] for g in funcs[n].values())
            valid = sum(g["wp:main"].get("valid", 0) for g in funcs[n].values())
            rows.append((unit, n, goals, valid, times[n]))
        g = rep.get("wp:global", {}).get("wp:main", {})
        goals, valid = g.get("total", 0), g.get("valid", 0)
        tot_goals += goals
        tot_valid += valid
        rows.append((unit, "(unit total, wall %ss)" % wall, goals, valid, None))
        if goals == 0 or valid != goals:
            failed = True

    with open(args.out, "w") as f:
        f.write("# Proof report\n\n")
        f.write(f"Generated {time.strftime('%Y-%m-%d %H:%M:%S')} by `make proofs` "
                f"(cache mode `{args.cache}`, {args.seconds} s wall in all).\n\n")
        f.write(f"**{tot_valid} / {tot_goals} goals proved**"
                f"{'' if not failed else ' - UNPROVED GOALS REMAIN'}.\n\n")
        f.write("| unit | function | goals | proved | solver time (s) |\n")
        f.write("|---|---|---:|---:|---:|\n")
        for unit, n, goals, valid, t in rows:
            ts = "" if t is None else f"{t:.2f}"
            f.write(f"| {unit} | {n} | {goals} | {valid} | {ts} |\n")
    print(f"proofs: {tot_valid} / {tot_goals} goals proved; table in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
