#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ci/mutants.py - mutation analysis of the core (`make mutants`, mutants.mk).

Reads the mutant list harness/mutants.tsv, applies each mutant on its own
copy of the tree (build/mutants/<id>/src), and records, per layer, whether
the project's checks catch it:

  tests        `make check` in the copy (every test and replay); killed =
               any FAIL line or a non-zero exit once everything built
  proofs       proofs/run.sh on the proof unit that holds the mutated
               function, with PROOF_FUNCTIONS = that function and its callers
               in the unit (computed from the sources), PROOF_CACHE=update on
               the copy's own proofs/cache; killed = an unproved goal or a
               failed smoke test; a Frama-C failure is an "error"
  fuzz         the mutant's fuzz targets (libFuzzer + ASan/UBSan) for
               MUTANT_FUZZ_SECONDS, seeded with the committed corpus
  fuzz-empty   the same from an EMPTY corpus (dictionary only)

A mutant is found by its ORIGINAL snippet, searched in every core/*.c and
core/*.h (never by file or line): whitespace runs match any whitespace, and
an identifier matches itself or itself with a kl_/KL_ prefix (the names of
the REPLACEMENT follow the prefix that the source uses).  A snippet found 0
or 2+ times makes the mutant "stale" (reported, not counted).  A mutant that
does not compile is "invalid" (not counted).  A mutant whose every layer
baseline (the unmutated tree) fails is not judged on that layer.

Environment (mutants.mk passes them on):
  MUTANTS              ids to run (default: all), e.g. 'M01 M07'
  MUTANT_LAYERS        comma list among tests,proofs,fuzz,fuzz-empty (default all)
  MUTANT_FUZZ_SECONDS  per fuzz run (default 20)
  MUTANT_JOBS          make -j and parallel fuzz runs (default: core count)
  MUTANT_PROOF_TIMEOUT PROOF_TIMEOUT for the mutants' proofs (default: run.sh's 20 s)
  MUTANT_BASELINE      1 (default): check each layer on the unmutated tree first
  MUTANT_KEEP          1: keep each copy's build products (default: logs only)
  MUTANT_REPORT        report path (default reports/mutants.md for a full run,
                       build/mutants/mutants.md when MUTANTS selects some)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
OUT = os.path.abspath(os.environ.get('MUTANT_OUT') or os.path.join(ROOT, 'build', 'mutants'))
TSV = os.path.join(ROOT, 'harness', 'mutants.tsv')
LAYERS = ['tests', 'proofs', 'fuzz', 'fuzz-empty']

IDENT = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')


def log(msg):
    print(msg, flush=True)


# ---- the mutant list -------------------------------------------------------

def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            out.append({'n': '\n', 't': '\t', '\\': '\\'}.get(n, '\\' + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def read_mutants():
    muts = []
    with open(TSV) as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) < 8:
                sys.exit(f'mutants: {TSV}:{ln}: 8 or 9 tab-separated columns wanted, got {len(cols)}')
            m = dict(id=cols[0], module=cols[1], category=cols[2],
                     fuzz=[t for t in cols[3].split(',') if t and t != '-'],
                     functional=cols[4] == 'y',
                     orig=unescape(cols[5]), repl=unescape(cols[6]),
                     desc=cols[7], note=cols[8] if len(cols) > 8 else '')
            muts.append(m)
    return muts


# ---- finding the snippet ---------------------------------------------------

def snippet_regex(orig):
    """Regex for ORIG: whitespace flexible, identifiers may carry kl_/KL_."""
    parts, idents, pos = [], [], 0
    tokens = re.finditer(r'\s+|[0-9][A-Za-z0-9_.]*|[A-Za-z_][A-Za-z0-9_]*|.', orig, re.S)
    for t in tokens:
        s = t.group(0)
        if s.isspace():
            parts.append(r'\s+')
        elif s[0].isdigit():
            parts.append(rf'(?<![A-Za-z0-9_]){re.escape(s)}(?![A-Za-z0-9_])')
        elif IDENT.fullmatch(s):
            g = f'g{len(idents)}'
            base = s
            if base.startswith(('kl_', 'KL_')) and len(base) > 3:
                base = base[3:]
            parts.append(rf'(?<![A-Za-z0-9_])(?P<{g}>(?:kl_|KL_)?{re.escape(base)})(?![A-Za-z0-9_])')
            idents.append((g, s, base))
        else:
            parts.append(re.escape(s))
    return re.compile(''.join(parts)), idents


def renamed_replacement(repl, idents, match):
    """REPLACEMENT with the prefixes that the matched source uses."""
    seen = {}
    prefixed_upper = prefixed_lower = False
    for g, s, base in idents:
        got = match.group(g)
        seen[s] = got
        seen[base] = got
        if got != base:
            if got.startswith('KL_'):
                prefixed_upper = True
            else:
                prefixed_lower = True

    def sub(t):
        s = t.group(0)
        if s in seen:
            return seen[s]
        if s.startswith(('kl_', 'KL_')):
            return s
        # A name the original does not have: prefix it like its siblings.
        if prefixed_upper and s.isupper() and '_' in s and any(
                b.split('_')[0] == s.split('_')[0] for _, _, b in idents):
            return 'KL_' + s
        if prefixed_lower and s.islower() and '_' in s and any(
                b.split('_')[0] == s.split('_')[0] and b != seen.get(b) for _, _, b in idents):
            return 'kl_' + s
        return s
    return IDENT.sub(sub, repl)


def core_files(tree):
    d = os.path.join(tree, 'core')
    return sorted(os.path.join('core', f) for f in os.listdir(d)
                  if f.endswith(('.c', '.h')))


def locate(tree, m):
    """(file, start, end, replacement) or (None, count, where, None)."""
    rx, idents = snippet_regex(m['orig'])
    hits = []
    for rel in core_files(tree):
        text = open(os.path.join(tree, rel)).read()
        for mt in rx.finditer(text):
            hits.append((rel, mt))
    if len(hits) != 1:
        return None, len(hits), [h[0] for h in hits], None
    rel, mt = hits[0]
    return rel, mt.start(), mt.end(), renamed_replacement(m['repl'], idents, mt)


# ---- functions and callers from the sources ---------------------------------

def blank(text):
    """Comments, strings and preprocessor lines replaced by spaces (offsets kept)."""
    out = list(text)
    i, n = 0, len(text)

    def wipe(a, b):
        for k in range(a, b):
            if out[k] != '\n':
                out[k] = ' '
    while i < n:
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            wipe(i, j)
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            wipe(i, j)
            i = j
        elif text[i] in '"\'':
            q, j = text[i], i + 1
            while j < n and text[j] != q:
                j += 2 if text[j] == '\\' else 1
            wipe(i, min(j + 1, n))
            i = j + 1
        elif text[i] == '#' and (i == 0 or text.rfind('\n', 0, i) == i - 1 or
                                 text[text.rfind('\n', 0, i) + 1:i].strip() == ''):
            j = i
            while True:
                e = text.find('\n', j)
                if e < 0:
                    e = n
                    break
                if text[e - 1] == '\\':
                    j = e + 1
                    continue
                break
            wipe(i, e)
            i = e
        else:
            i += 1
    return ''.join(out)


def functions(text):
    """[(name, body_start, body_end)] of the function definitions in TEXT."""
    b = blank(text)
    res, depth, i, last_end = [], 0, 0, 0
    kw = {'if', 'for', 'while', 'switch', 'return', 'sizeof', 'do'}
    start = None
    while i < len(b):
        c = b[i]
        if c == '{':
            if depth == 0:
                head = b[last_end:i]
                names = [mm.group(1) for mm in re.finditer(r'([A-Za-z_][A-Za-z0-9_]*)\s*\(', head)
                         if mm.group(1) not in kw]
                start = (names[0] if names and re.search(r'\)\s*$', head) else None, i)
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                if start and start[0]:
                    res.append((start[0], start[1], i + 1))
                start = None
                last_end = i + 1
        elif c == ';' and depth == 0:
            last_end = i + 1
        i += 1
    return res


def proof_units(tree):
    units = []
    for line in open(os.path.join(tree, 'proofs', 'modules.txt')):
        line = line.split('#')[0].split()
        if len(line) >= 2:
            units.append((line[0], line[1:]))
    return units


def proof_target(tree, rel, pos):
    """(unit, function, [callers]) for a mutation at POS of REL."""
    units = proof_units(tree)
    unit = None
    for u, files in units:
        if files[0] == rel:
            unit = u
    if unit is None and rel.endswith('.h'):
        stem = rel[:-2] + '.c'
        for u, files in units:
            if files[0] == stem:
                unit = u
    text = open(os.path.join(tree, rel)).read()
    fn = None
    for name, a, z in functions(text):
        if a <= pos < z:
            fn = name
    if unit is None:
        return None, fn, []
    ufile = dict(units)[unit][0]
    if fn is None or ufile != rel:
        return unit, fn, []
    utext = open(os.path.join(tree, ufile)).read()
    ub = blank(utext)
    callers = []
    for name, a, z in functions(utext):
        if name != fn and re.search(rf'(?<![A-Za-z0-9_]){re.escape(fn)}\s*\(', ub[a:z]):
            callers.append(name)
    return unit, fn, sorted(set(callers))


# ---- the copy of the tree ---------------------------------------------------

def copy_tree(dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)

    def ignore(d, names):
        if os.path.abspath(d) == ROOT:
            return [x for x in names if x in ('build', '.git')]
        return []
    shutil.copytree(ROOT, dst, ignore=ignore, symlinks=True)


def run(cmd, cwd, logf, env=None, timeout=None):
    e = dict(os.environ)
    e.update(env or {})
    with open(logf, 'w') as lf:
        try:
            p = subprocess.run(cmd, cwd=cwd, stdout=lf, stderr=subprocess.STDOUT,
                               env=e, timeout=timeout, shell=isinstance(cmd, str))
            return p.returncode
        except subprocess.TimeoutExpired:
            lf.write('\nmutants: timed out\n')
            return 124


def text_of(path):
    try:
        return open(path, errors='replace').read()
    except OSError:
        return ''


# ---- layers -----------------------------------------------------------------

JOBS = int(os.environ.get('MUTANT_JOBS') or os.cpu_count() or 2)
FUZZ_SECONDS = int(os.environ.get('MUTANT_FUZZ_SECONDS') or 20)


def layer_build(src, logs):
    """Does the mutated core compile (warnings as errors, the freestanding build too)?"""
    rc = run(['make', f'-j{JOBS}', 'build/libkilist.a', 'freestanding'], src,
             os.path.join(logs, 'build.log'))
    return rc == 0


def layer_tests(src, logs):
    lf = os.path.join(logs, 'tests.log')
    run(['make', f'-j{JOBS}', '-k', 'check'], src, lf, timeout=1200)
    t = text_of(lf)
    m = re.findall(r'^(\d+) passed, (\d+) failed$', t, re.M)
    if not m:
        return 'error', 'no closing line (a test did not build?)'
    failed = int(m[-1][1])
    fails = re.findall(r'^FAIL (\S+)', t, re.M)
    if failed > 0:
        return 'KILLED', ', '.join(sorted(set(f.split(':')[0] for f in fails))[:4])
    return 'survived', m[-1][0] + ' passed'


def proof_failures(t):
    """Names of the goals left unproved and of the smoke tests failed in a run.sh log."""
    bad = set(re.findall(r'^proofs: UNPROVED: .*?Goal (\S+) :', t, re.M))
    bad |= set('smoke:' + g for g in re.findall(r'^proofs: SMOKE TEST FAILED: .*?Smoke-test (\S+)', t, re.M))
    if re.search(r'^proofs: SMOKE TEST FAILED:', t, re.M) and not any(b.startswith('smoke:') for b in bad):
        bad.add('smoke:?')
    return bad


def layer_proofs(src, logs, unit, fns, known=frozenset()):
    """KNOWN: goals that fail on the unmutated tree too (not a kill)."""
    lf = os.path.join(logs, 'proofs.log')
    env = {'PROOF_CACHE': 'update', 'PROOF_FUNCTIONS': ','.join(fns),
           'PROOF_REPORT': 'build/mutant-proofs.md'}
    # A killed mutant's false goals each run to the timeout: MUTANT_PROOF_TIMEOUT
    # shortens that (default: the project's own PROOF_TIMEOUT).
    if os.environ.get('MUTANT_PROOF_TIMEOUT'):
        env['PROOF_TIMEOUT'] = os.environ['MUTANT_PROOF_TIMEOUT']
    rc = run(['sh', 'proofs/run.sh', unit], src, lf, env=env, timeout=3600)
    t = text_of(lf)
    bad = proof_failures(t)
    new = sorted(bad - set(known))
    proved = re.findall(r'Proved goals:\s*(\d+)\s*/\s*(\d+)', t)
    if 'frama-c failed' in t and not bad:
        return 'error', 'Frama-C failed (see proofs.log)'
    if new:
        smoke = [g for g in new if g.startswith('smoke:')]
        goals = [g for g in new if not g.startswith('smoke:')]
        what = []
        if goals:
            what.append(f'{len(goals)} unproved: ' + ', '.join(g.replace('typed_', '') for g in goals[:3])
                        + (' ...' if len(goals) > 3 else ''))
        if smoke:
            what.append(f'{len(smoke)} smoke')
        return 'KILLED', '; '.join(what)
    if rc != 0 and not bad:
        return 'KILLED', f'run.sh exit {rc}'
    if proved:
        return 'survived', f'{proved[-1][0]}/{proved[-1][1]} goals' + (
            f', {len(bad)} failing on the unmutated tree too' if bad else '')
    return 'survived', ''


def fuzz_option(src, target, key):
    try:
        for line in open(os.path.join(src, 'corpus', target + '.options')):
            mm = re.match(rf'\s*{key}\s*=\s*(\S+)', line)
            if mm:
                return mm.group(1)
    except OSError:
        pass
    return None


def build_fuzzers(src, logs, targets):
    bins = [f'build/fuzz/libfuzzer/fuzz_{t}' for t in targets]
    rc = run(['make', f'-j{JOBS}'] + bins, src, os.path.join(logs, 'fuzz-build.log'))
    return rc == 0


def fuzz_cmd(src, target, workdir, seeded):
    b = os.path.join(src, 'build', 'fuzz', 'libfuzzer', 'fuzz_' + target)
    os.makedirs(os.path.join(workdir, 'new'), exist_ok=True)
    os.makedirs(os.path.join(workdir, 'art'), exist_ok=True)
    cmd = [b, f'-max_total_time={FUZZ_SECONDS}', '-seed=1', '-timeout=10',
           '-rss_limit_mb=2048', '-print_final_stats=1',
           '-artifact_prefix=' + os.path.join(workdir, 'art') + '/']
    ml = fuzz_option(src, target, 'max_len')
    if ml:
        cmd.append('-max_len=' + ml)
    d = os.path.join(src, 'corpus', target + '.dict')
    if os.path.exists(d):
        cmd.append('-dict=' + d)
    cmd.append(os.path.join(workdir, 'new'))
    if seeded:
        cmd.append(os.path.join(src, 'corpus', target))
    return cmd


def fuzz_verdict(lf, rc, seeded=True):
    t = text_of(lf)
    if rc == 0:
        return None
    when = 'replay' if 'INITED' not in t.split('==ERROR')[0].split('deadly signal')[0] else 'found'
    kind = 'crash'
    if 'property violated' in t:
        kind = 'property'
    elif 'ERROR: AddressSanitizer' in t:
        kind = 'ASan'
    elif 'runtime error' in t:
        kind = 'UBSan'
    elif 'ERROR: libFuzzer: timeout' in t:
        kind = 'timeout'
    mm = re.findall(r'#(\d+)\s', t)
    execs = mm[-1] if mm else '?'
    if when == 'found':
        return f'{kind}, found after {execs} execs'
    # Before INITED: an input of the corpus, or (empty corpus) one of the
    # first inputs libFuzzer makes itself (the empty input and a few bytes).
    return f'{kind}, ' + ('replay of the corpus' if seeded else 'at the first inputs')


def layer_fuzz(src, logs, targets, which):
    """{'fuzz': (verdict, detail), 'fuzz-empty': ...} for the layers in WHICH."""
    res = {}
    if not targets:
        for w in which:
            res[w] = ('n/a', 'no fuzz target')
        return res
    if not build_fuzzers(src, logs, targets):
        for w in which:
            res[w] = ('error', 'fuzz build failed')
        return res
    jobs = []
    for t in targets:
        for w in which:
            wd = os.path.join(logs, f'{w}-{t}')
            shutil.rmtree(wd, ignore_errors=True)
            os.makedirs(wd)
            jobs.append((t, w, wd, fuzz_cmd(src, t, wd, w == 'fuzz')))
    results = {}
    running = []
    e = dict(os.environ)
    e.update({'ASAN_OPTIONS': 'detect_leaks=0:abort_on_error=1',
              'UBSAN_OPTIONS': 'halt_on_error=1:print_stacktrace=1'})
    while jobs or running:
        while jobs and len(running) < JOBS:
            t, w, wd, cmd = jobs.pop(0)
            lf = os.path.join(wd, 'fuzz.log')
            fh = open(lf, 'w')
            p = subprocess.Popen(cmd, cwd=src, stdout=fh, stderr=subprocess.STDOUT, env=e)
            running.append((p, fh, t, w, lf, time.time()))
        time.sleep(0.5)
        still = []
        for p, fh, t, w, lf, t0 in running:
            rc = p.poll()
            if rc is None and time.time() - t0 > FUZZ_SECONDS * 3 + 60:
                p.kill()
                rc = p.wait()
            if rc is None:
                still.append((p, fh, t, w, lf, t0))
                continue
            fh.close()
            results[(t, w)] = fuzz_verdict(lf, rc, w == 'fuzz')
        running = still
    for w in which:
        kills = [(t, results[(t, w)]) for t in targets if results.get((t, w))]
        if kills:
            res[w] = ('KILLED', '; '.join(f'fuzz_{t}: {v}' for t, v in kills))
        else:
            res[w] = ('survived', ', '.join('fuzz_' + t for t in targets) + f' {FUZZ_SECONDS} s')
    return res


# ---- one mutant ------------------------------------------------------------

def run_mutant(m, layers, base):
    mid = m['id']
    d = os.path.join(OUT, mid)
    src, logs = os.path.join(d, 'src'), os.path.join(d, 'logs')
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(logs)
    r = dict(id=mid, module=m['module'], category=m['category'], desc=m['desc'],
             note=m['note'], functional=m['functional'], file='', function='', callers=[],
             status='', layers={})
    copy_tree(src)
    loc = locate(src, m)
    if loc[0] is None:
        r['status'] = 'stale'
        r['function'] = '?'
        r['stale'] = f'snippet found {loc[1]} times' + (f' ({", ".join(loc[2])})' if loc[2] else '')
        shutil.rmtree(src, ignore_errors=True)
        return r
    rel, a, z, repl = loc
    path = os.path.join(src, rel)
    text = open(path).read()
    unit, fn, callers = proof_target(src, rel, a)
    r.update(file=rel, function=fn or '(file scope)', callers=callers, unit=unit or '',
             applied=(text[a:z], repl))
    with open(path, 'w') as f:
        f.write(text[:a] + repl + text[z:])
    with open(os.path.join(logs, 'mutant.diff'), 'w') as f:
        f.write(f'--- {rel} ({fn})\n-{text[a:z]}\n+{repl}\n')
    if not layer_build(src, logs):
        r['status'] = 'invalid'
        shutil.rmtree(src, ignore_errors=True)
        return r
    r['status'] = 'run'
    # The three layers run side by side (each is mostly one process), so
    # that both cores stay busy: tests, proofs, and the fuzz build + runs.
    out = {}

    def do_tests():
        out['tests'] = layer_tests(src, logs) if base.get('tests', True) else ('n/a', 'baseline fails')

    def do_proofs():
        if not unit:
            out['proofs'] = ('n/a', 'not in a proof unit')
        else:
            out['proofs'] = layer_proofs(src, logs, unit, [fn] + callers if fn else [],
                                         base.get(('proofs', unit), set()))

    fl = [w for w in ('fuzz', 'fuzz-empty') if w in layers]

    def do_fuzz():
        targets = [t for t in m['fuzz'] if base.get(('fuzz', t), True)]
        res = layer_fuzz(src, logs, targets, fl)
        skipped = [t for t in m['fuzz'] if t not in targets]
        for w in fl:
            v, det = res[w]
            if skipped:
                det += f' (baseline fails: {", ".join(skipped)})'
            out[w] = (v, det)
    # Tests and fuzzing side by side (both cores busy); the proofs after
    # them, alone, so that a loaded machine does not time their goals out.
    work = []
    if 'tests' in layers:
        work.append(do_tests)
    if fl:
        work.append(do_fuzz)
    threads = [threading.Thread(target=f) for f in work]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    if 'proofs' in layers:
        do_proofs()
    r['layers'] = {l: out[l] for l in layers if l in out}
    if os.environ.get('MUTANT_KEEP') != '1':
        shutil.rmtree(src, ignore_errors=True)
    return r


def baseline(layers, muts):
    """Each layer on the unmutated tree: a layer that fails there judges nothing."""
    base = {}
    d = os.path.join(OUT, 'baseline')
    src, logs = os.path.join(d, 'src'), os.path.join(d, 'logs')
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(logs)
    copy_tree(src)
    log('mutants: baseline (unmutated tree) ...')
    if not layer_build(src, logs):
        sys.exit(f'mutants: the unmutated core does not build, see {logs}/build.log')
    if 'tests' in layers:
        v, det = layer_tests(src, logs)
        base['tests'] = v == 'survived'
        log(f'mutants: baseline tests: {"pass" if base["tests"] else "FAIL (" + det + ")"}')
    if 'proofs' in layers:
        want = {}
        for m in muts:
            loc = locate(src, m)
            if loc[0] is None:
                continue
            unit, fn, callers = proof_target(src, loc[0], loc[1])
            if unit and fn:
                want.setdefault(unit, set()).update([fn] + callers)
        for unit, fns in sorted(want.items()):
            v, det = layer_proofs(src, logs, unit, sorted(fns))
            lf = os.path.join(logs, f'proofs-{unit}.log')
            shutil.move(os.path.join(logs, 'proofs.log'), lf)
            # Goals that fail here do not count as kills later.
            base[('proofs', unit)] = proof_failures(text_of(lf))
            log(f'mutants: baseline proofs {unit} ({len(fns)} functions): '
                f'{"pass, " + det if v == "survived" else "FAIL (" + det + "); those goals are not counted as kills"}')
    fl = [w for w in ('fuzz', 'fuzz-empty') if w in layers]
    if fl:
        targets = sorted({t for m in muts for t in m['fuzz']})
        for t in targets:
            res = layer_fuzz(src, logs, [t], ['fuzz'])
            base[('fuzz', t)] = res['fuzz'][0] == 'survived'
            log(f'mutants: baseline fuzz_{t} ({FUZZ_SECONDS} s, seeded): '
                f'{"pass" if base[("fuzz", t)] else "FAIL (" + res["fuzz"][1] + ")"}')
    shutil.rmtree(src, ignore_errors=True)
    return base


# ---- report -----------------------------------------------------------------

def verdict(r, layers):
    if r['status'] != 'run':
        return r['status']
    vs = [r['layers'].get(l, ('-', ''))[0] for l in layers]
    killed = [l for l in layers if r['layers'].get(l, ('', ''))[0] == 'KILLED']
    if killed and r['note'].startswith('equivalent'):
        # A test or fuzz kill is a counterexample; an unproved goal is not.
        if killed == ['proofs']:
            return 'equivalent (proofs: goal not re-proved, no counterexample)'
        return 'killed (listed as equivalent!)'
    if killed:
        return 'killed'
    if 'error' in vs:
        return 'error'
    if r['note'].startswith('equivalent'):
        return 'equivalent'
    return 'SURVIVED'


def md(s):
    return s.replace('|', '\\|').replace('\n', '\\n')


def write_report(path, results, layers, base, started, secs, selected):
    lines = []
    lines.append('# Mutation analysis of the core')
    lines.append('')
    lines.append(HEADER.strip())
    lines.append('')
    lines.append(f'Run: {started} UTC, {secs // 60} min {secs % 60} s, {os.cpu_count()} cores, '
                 f'layers {", ".join(layers)}, fuzz budget {FUZZ_SECONDS} s per run'
                 + (f'; mutants selected: {selected}' if selected else '') + '.')
    bad = [k for k, v in base.items() if v is False or (isinstance(v, set) and v)]
    if bad:
        lines.append('')
        lines.append('Baseline failures (those layers judge nothing there): ' +
                     ', '.join(k if isinstance(k, str) else '/'.join(k) for k in bad) + '.')
    lines.append('')
    # kill rate per layer
    counted = [r for r in results if r['status'] == 'run' and not verdict(r, layers).startswith('equivalent')]
    lines.append('## Kill rate per layer')
    lines.append('')
    lines.append('Counted: mutants that compiled and are not equivalent '
                 f'({len(counted)} of {len(results)}; '
                 f'{sum(1 for r in results if r["status"] == "stale")} stale, '
                 f'{sum(1 for r in results if r["status"] == "invalid")} invalid, '
                 f'{sum(1 for r in results if r["status"] == "run" and verdict(r, layers).startswith("equivalent"))} equivalent).')
    lines.append('')
    lines.append('| layer | killed | judged | rate |')
    lines.append('|---|---:|---:|---:|')
    for l in layers:
        judged = [r for r in counted if r['layers'].get(l, ('n/a',))[0] in ('KILLED', 'survived')]
        k = sum(1 for r in judged if r['layers'][l][0] == 'KILLED')
        rate = f'{100 * k / len(judged):.0f} %' if judged else '-'
        lines.append(f'| {l} | {k} | {len(judged)} | {rate} |')
    anyk = sum(1 for r in counted if verdict(r, layers).startswith('killed'))
    lines.append(f'| any layer | {anyk} | {len(counted)} | '
                 f'{(f"{100 * anyk / len(counted):.0f} %") if counted else "-"} |')
    fc = [r for r in counted if r['functional'] and 'proofs' in r['layers']]
    if fc:
        k = sum(1 for r in fc if r['layers']['proofs'][0] == 'KILLED')
        lines.append(f'| proofs, where the function has a functional contract | {k} | {len(fc)} | '
                     f'{100 * k / len(fc):.0f} % |')
    lines.append('')
    lines.append('## Mutants')
    lines.append('')
    lines.append('| id | module | function | category | description | ' + ' | '.join(layers) + ' | verdict |')
    lines.append('|---|---|---|---|---|' + '---|' * len(layers) + '---|')
    for r in results:
        cells = []
        for l in layers:
            v, det = r['layers'].get(l, ('-', ''))
            cells.append(md(v + (f' ({det})' if det and v in ('KILLED', 'error', 'n/a') else '')))
        fn = r['function'] + ('*' if r['functional'] else '')
        lines.append(f'| {r["id"]} | {r["module"]} | `{fn}` | {r["category"]} | {md(r["desc"])} | '
                     + ' | '.join(cells) + f' | {verdict(r, layers)} |')
    lines.append('')
    lines.append('`*`: the function has a functional contract (its proof states what it computes), '
                 'so the proofs should kill the mutant.')
    lines.append('')
    lines.append('## Applied mutations')
    lines.append('')
    for r in results:
        if r['status'] == 'stale':
            lines.append(f'- {r["id"]}: STALE, {r["stale"]}: fix harness/mutants.tsv')
            continue
        o, n = r.get('applied', ('', ''))
        callers = ', '.join(r['callers']) or 'none'
        lines.append(f'- {r["id"]} `{r["file"]}` `{r["function"]}` (proof unit {r.get("unit") or "-"}, '
                     f'callers proved with it: {callers}): `{md(o)}` -> `{md(n)}`')
    lines.append('')
    notes = [r for r in results if r['note']]
    if notes:
        lines.append('## Equivalent mutants and answered survivors')
        lines.append('')
        for r in notes:
            lines.append(f'- {r["id"]} ({verdict(r, layers)}): {r["note"]}')
        lines.append('')
    surv = [r for r in results if verdict(r, layers) == 'SURVIVED' and not r['note']]
    if surv:
        lines.append('## Survivors without an answer yet')
        lines.append('')
        for r in surv:
            lines.append(f'- {r["id"]} `{r["function"]}`: {r["desc"]}')
        lines.append('')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + '.tmp', 'w') as f:
        f.write('\n'.join(lines))
    os.replace(path + '.tmp', path)


HEADER = '''
Written by `make mutants` (mutants.mk, ci/mutants.py) from the list
harness/mutants.tsv.  Each mutant is one realistic bug put into one copy of
the tree (build/mutants/<id>/); the table says which layer catches it:

- **tests**: `make check` on the copy (unit, differential, conformance and
  CLI tests, and the replay of every committed fuzz corpus);
- **proofs**: `proofs/run.sh` on the proof unit of the mutated function, for
  that function and the functions of the unit that call it
  (`PROOF_FUNCTIONS`), smoke tests on, the copy's own WP cache (unchanged
  goals hit it; the mutant's goals never reach `proofs/cache/`); killed = a
  goal left unproved or a smoke test failed;
- **fuzz**: the module's libFuzzer targets (ASan + UBSan) for a fixed time,
  seeded with the committed corpus; "replay of the corpus" means a committed
  input already trips it, "found after N execs" that the fuzzer made the
  input;
- **fuzz-empty**: the same from an empty corpus (the dictionary only), so a
  kill there is the fuzzer's own.

A mutant is located by its original snippet (searched in all of core/, never
by file or line); "stale" means the snippet is no longer found exactly once,
"invalid" that the mutant does not compile: neither is counted.  A mutant
that no layer kills is either equivalent (the reason is given below) or is
answered by a new test, contract or fuzz property (below).

Usage: `make mutants` (all), `make mutants MUTANTS='M01 M07'`,
`MUTANT_LAYERS=tests,proofs`, `MUTANT_FUZZ_SECONDS=20`; a selection writes
build/mutants/mutants.md instead of this file.  Logs per mutant:
build/mutants/<id>/logs/.  Not part of `.ci/run`.  Time: tests and
fuzzing take 1-2.5 min per mutant on 2 cores; the proofs of a killed mutant
cost each false goal the prover timeout (`MUTANT_PROOF_TIMEOUT` lowers it).
'''


def list_mutants(muts):
    """--list: where each snippet is found today (no build, no run)."""
    bad = 0
    for m in muts:
        loc = locate(ROOT, m)
        if loc[0] is None:
            bad += 1
            log(f'{m["id"]}\tSTALE\tfound {loc[1]} times {" ".join(loc[2])}')
            continue
        unit, fn, callers = proof_target(ROOT, loc[0], loc[1])
        log(f'{m["id"]}\t{loc[0]}\t{fn}\tunit {unit}\tcallers {",".join(callers) or "-"}'
            f'\tfuzz {",".join(m["fuzz"])}')
    return 1 if bad else 0


def save_results(path, results, layers, base, started, secs, ids):
    b = {('|'.join(k) if isinstance(k, tuple) else k): (sorted(v) if isinstance(v, set) else v)
         for k, v in base.items()}
    with open(path, 'w') as f:
        json.dump(dict(results=results, layers=layers, base=b, started=started, secs=secs,
                       ids=ids), f, indent=1)


def merge(paths, report):
    """--merge A.json B.json ...: one report from runs that did different layers."""
    results, layers, base, secs, started, ids = {}, [], {}, 0, None, []
    for p in paths:
        d = json.load(open(p))
        started = started or d['started']
        secs += d['secs']
        ids = ids or d['ids']
        for l in d['layers']:
            if l not in layers:
                layers.append(l)
        for k, v in d['base'].items():
            k2 = tuple(k.split('|')) if '|' in k else k
            base[k2] = set(v) if isinstance(v, list) else v
        for r in d['results']:
            r['layers'] = {k: tuple(v) for k, v in r['layers'].items()}
            if 'applied' in r:
                r['applied'] = tuple(r['applied'])
            if r['id'] in results:
                results[r['id']]['layers'].update(r['layers'])
            else:
                results[r['id']] = r
    layers = [l for l in LAYERS if l in layers]
    current = {m['id']: m for m in read_mutants()}
    for r in results.values():
        # Descriptions and notes as the list has them now.
        m = current.get(r['id'])
        if m:
            r.update(desc=m['desc'], note=m['note'], functional=m['functional'])
    order = list(current)
    res = sorted(results.values(), key=lambda r: order.index(r['id']) if r['id'] in order else 999)
    write_report(report, res, layers, base, started, secs, ' '.join(ids))
    log(f'mutants: merged {len(paths)} runs into {os.path.relpath(report, ROOT)}')
    return 0


def main():
    muts = read_mutants()
    if sys.argv[1:] == ['--list']:
        return list_mutants(muts)
    if sys.argv[1:2] == ['--merge']:
        return merge(sys.argv[2:], os.environ.get('MUTANT_REPORT') or os.path.join(ROOT, 'reports', 'mutants.md'))
    ids = os.environ.get('MUTANTS', '').split()
    if ids:
        unknown = [i for i in ids if i not in {m['id'] for m in muts}]
        if unknown:
            sys.exit(f'mutants: unknown id(s): {" ".join(unknown)}')
        muts = [m for m in muts if m['id'] in ids]
    layers = [l for l in (os.environ.get('MUTANT_LAYERS') or ','.join(LAYERS)).split(',') if l]
    for l in layers:
        if l not in LAYERS:
            sys.exit(f'mutants: unknown layer {l} (tests, proofs, fuzz, fuzz-empty)')
    layers = [l for l in LAYERS if l in layers]
    report = os.environ.get('MUTANT_REPORT') or (
        os.path.join(OUT, 'mutants.md') if ids else os.path.join(ROOT, 'reports', 'mutants.md'))
    os.makedirs(OUT, exist_ok=True)
    t0 = time.time()
    started = time.strftime('%Y-%m-%d %H:%M', time.gmtime())
    base = baseline(layers, muts) if os.environ.get('MUTANT_BASELINE', '1') == '1' else {}
    results = []
    for n, m in enumerate(muts, 1):
        t1 = time.time()
        r = run_mutant(m, layers, base)
        results.append(r)
        if r['status'] != 'run':
            extra = r.get('stale', '')
            log(f'[{n}/{len(muts)}] {m["id"]} {r["function"]} ... {r["status"].upper()} {extra}')
        else:
            parts = []
            for l in layers:
                v, det = r['layers'].get(l, ('-', ''))
                parts.append(f'{l} {v}' + (f' ({det})' if v in ('KILLED', 'error') and det else ''))
            log(f'[{n}/{len(muts)}] {m["id"]} {r["function"]} ... {", ".join(parts)}'
                f'  => {verdict(r, layers)} [{int(time.time() - t1)} s]')
        write_report(report, results, layers, base, started, int(time.time() - t0), ' '.join(ids))
        save_results(os.path.join(OUT, 'results.json'), results, layers, base, started,
                     int(time.time() - t0), ids)
    secs = int(time.time() - t0)
    write_report(report, results, layers, base, started, secs, ' '.join(ids))
    save_results(os.path.join(OUT, 'results.json'), results, layers, base, started, secs, ids)
    surv = [r['id'] for r in results if verdict(r, layers) == 'SURVIVED']
    stale = [r['id'] for r in results if r['status'] == 'stale']
    log(f'mutants: {len(results)} mutants in {secs // 60} min {secs % 60} s; report in '
        f'{os.path.relpath(report, ROOT)}' +
        (f'; SURVIVED: {" ".join(surv)}' if surv else '') +
        (f'; STALE: {" ".join(stale)}' if stale else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
