#!/usr/bin/python3
"""Training cost against corpus size: stance (LIBLINEAR) beside scikit-learn's
LinearSVC on the same features.

The point is cost, not quality, so the items need not be labelled by hand:
the pool is the shared corpus's texts plus the parallel news sentences of
all 24 languages, stretched to the larger sizes by deterministic perturbed
replicas (every k-th word dropped, k varying by replica), and every item is
labelled warming or cooling by the shipped direction model.  At each size
both tools run warming vs cooling, one C value (1), 2-fold cross-validation
plus the final fit:

  stance   `stance train --labels warming,cooling -C 1 --cv 2 -j J`
  sklearn  LinearSVC(C=1) (LIBLINEAR inside) on stance's own feature vectors
           (`stance features`, libsvm format, read with load_svmlight_file),
           2 folds + final fit, timing the fits only (not the file reading)

Prints a Markdown table (seconds and peak RSS of each process) and writes a
log-log SVG chart.  Needs python3-sklearn (scripts/install-deps --bench).

Usage: bench/scaling.py [--sizes 1000,4000,16000,64000,128000] [--svg FILE]
                        [--stance PATH] [--threads J]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, '..', 'shared')

SKLEARN = r'''
import sys, time, numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.svm import LinearSVC
X, y = load_svmlight_file(sys.argv[1])
n = X.shape[0]; fold = np.arange(n) % 2
start = time.time()
for f in (0, 1):
    LinearSVC(C=1.0, class_weight='balanced').fit(X[fold != f], y[fold != f]).predict(X[fold == f])
LinearSVC(C=1.0, class_weight='balanced').fit(X, y)
print(time.time() - start)
'''


def pool():
    texts = []
    for line in open(os.path.join(SHARED, 'corpus', 'train.jsonl'), encoding='utf-8'):
        r = json.loads(line)
        texts.append(((r.get('title') or '') + ' ' + r['text']).strip())
    par = os.path.join(SHARED, 'parallel', 'ntrex-128')
    for name in sorted(os.listdir(par)):
        if name.endswith('.txt') and name[0].islower():
            texts += [l.strip() for l in open(os.path.join(par, name), encoding='utf-8') if l.strip()]
    return texts


def stretched(texts, n):
    out = []
    for i in range(n):
        t = texts[i % len(texts)]
        replica = i // len(texts)
        if replica:
            k = replica + 2
            t = ' '.join(w for j, w in enumerate(t.split()) if j % k != k - 1)
        out.append({'id': f'x{i}', 'text': t})
    return out


def run_with_rss(cmd):
    """Wall time and peak RSS (MB) of one child, through /usr/bin/time."""
    start = time.time()
    p = subprocess.run(['/usr/bin/time', '-f', '%M'] + cmd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    wall = time.time() - start
    if p.returncode:
        sys.exit(f'{cmd[0]} failed: {p.stderr.decode()[-2000:]}')
    rss_kb = int(p.stderr.decode().strip().split('\n')[-1])
    return wall, rss_kb / 1024, p.stdout.decode()


def svg_chart(rows, path):
    """Log-log lines of seconds against items, one per tool."""
    w, h, left, bottom, top, right = 640, 400, 70, 50, 20, 130
    xs = [r['n'] for r in rows]
    ys = [v for r in rows for v in (r['stance_s'], r['sklearn_s']) if v]
    x0, x1 = math.log10(min(xs)), math.log10(max(xs))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    def px(x): return left + (math.log10(x) - x0) / (x1 - x0) * (w - left - right)
    def py(y): return h - bottom - (math.log10(y) - y0) / (y1 - y0) * (h - bottom - top)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
             f'<rect width="{w}" height="{h}" fill="white"/>']
    for e in range(y0, y1 + 1):
        y = py(10 ** e)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} s</text>')
    for x in xs:
        parts.append(f'<line x1="{px(x):.1f}" y1="{top}" x2="{px(x):.1f}" y2="{h - bottom}" stroke="#eee"/>')
        parts.append(f'<text x="{px(x):.1f}" y="{h - bottom + 16}" text-anchor="middle">{x // 1000}k</text>')
    parts.append(f'<text x="{(left + w - right) / 2}" y="{h - 10}" text-anchor="middle">training items (log scale)</text>')
    parts.append(f'<text x="16" y="{(h - bottom) / 2}" transform="rotate(-90 16 {(h - bottom) / 2})" text-anchor="middle">seconds, 2-fold CV + final fit (log scale)</text>')
    for key, colour, label in (('stance_s', '#1f77b4', 'stance'), ('sklearn_s', '#d62728', 'scikit-learn')):
        pts = [(px(r['n']), py(r[key])) for r in rows if r[key]]
        parts.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' %
                     (colour, ' '.join(f'{a:.1f},{b:.1f}' for a, b in pts)))
        for a, b in pts:
            parts.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>')
        a, b = pts[-1]
        parts.append(f'<text x="{a + 8:.1f}" y="{b + 4:.1f}" fill="{colour}">{label}</text>')
    parts.append('</svg>')
    with open(path, 'w') as f:
        f.write('\n'.join(parts) + '\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sizes', default='1000,4000,16000,64000,128000')
    ap.add_argument('--svg', default=os.path.join(ROOT, 'docs', 'training-scaling.svg'))
    ap.add_argument('--stance', default=os.path.join(ROOT, 'build', 'programs', 'stance'))
    ap.add_argument('--threads', default='2')
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(',')]
    texts = pool()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        items = stretched(texts, max(sizes))
        unlabelled = os.path.join(tmp, 'all.jsonl')
        with open(unlabelled, 'w', encoding='utf-8') as f:
            for r in items:
                f.write(json.dumps(r, ensure_ascii=False) + '\n')
        labels = subprocess.run([a.stance, 'predict', '-q', '--no-header', '-m',
                                 os.path.join(ROOT, 'models', 'direction.model'), unlabelled],
                                check=True, stdout=subprocess.PIPE).stdout.decode().split('\n')
        for r, line in zip(items, labels):
            r['label'] = line.split('\t')[1]
        print('| items | stance s | stance peak MB | scikit-learn s (fits only) | scikit-learn peak MB | features file MB |')
        print('|---:|---:|---:|---:|---:|---:|')
        for n in sizes:
            path = os.path.join(tmp, f'{n}.jsonl')
            with open(path, 'w', encoding='utf-8') as f:
                for r in items[:n]:
                    f.write(json.dumps(r, ensure_ascii=False) + '\n')
            s_wall, s_rss, _ = run_with_rss([a.stance, 'train', '-q', '--labels', 'warming,cooling',
                                             '-C', '1', '--cv', '2', '-j', a.threads,
                                             '--loss', 'squared-hinge', '--set', 'char=1-5',
                                             '--set', 'word=0', '--set', 'bits=20', '--set',
                                             'accents=keep', '-o', os.path.join(tmp, 'm.model'), path])
            svm = os.path.join(tmp, f'{n}.svm')
            subprocess.run([a.stance, 'features', '-q', '--labels', 'warming,cooling', '--set', 'char=1-5',
                            '--set', 'word=0', '--set', 'bits=20', '--set', 'accents=keep',
                            '-o', svm, path], check=True)
            k_wall, k_rss, out = run_with_rss(['/usr/bin/python3', '-c', SKLEARN, svm])
            row = {'n': n, 'stance_s': s_wall, 'stance_mb': s_rss,
                   'sklearn_s': float(out.strip()), 'sklearn_mb': k_rss,
                   'svm_mb': os.path.getsize(svm) / 1e6}
            rows.append(row)
            print(f"| {n:,} | {row['stance_s']:.1f} | {row['stance_mb']:.0f} | {row['sklearn_s']:.1f} | "
                  f"{row['sklearn_mb']:.0f} | {row['svm_mb']:.0f} |", flush=True)
            os.remove(svm)
    svg_chart(rows, a.svg)
    print(f'chart: {a.svg}')


main()
