#!/usr/bin/env python3
"""Prediction speed of stance beside fastText, with its spread.

The corpus, repeated (--repeat times), is labelled by `stance predict` and by
`fasttext predict` in alternating rounds, so that a slow moment of a noisy
machine falls on every tool alike.  stance reads the articles twice: as JSONL
(its usual input, which it parses with jansson) and as the very text file that
fastText reads (one article per line, `-i lines`).  Printed: wall seconds and
peak RSS per tool (min / median / max over the rounds), and stance's speed-up
over fastText within each round (min / median / max).

fastText is trained once, on the corpus's warming/cooling items, with its
fastest setting in bench/compare.py (-wordNgrams 2 -epoch 25 -lr 0.5); its
prediction time does not depend on what it learnt.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def body(d):
    return (d.get("title") or "") + "\n" + d["text"]


def one_line(d):
    return " ".join(body(d).lower().split())


def measured(cmd):
    """(wall seconds, peak RSS MB) of one run, through /usr/bin/time."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    if out.returncode != 0:
        sys.exit("predict-speed: %s failed:\n%s" % (" ".join(cmd), out.stderr.decode(errors="replace")))
    secs, kb = out.stderr.decode().strip().splitlines()[-1].split()
    return float(secs), int(kb) / 1024


def spread(values, fmt):
    v = sorted(values)
    return " / ".join(fmt % x for x in (v[0], statistics.median(v), v[-1]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(HERE, "../../shared/corpus/train.jsonl"))
    ap.add_argument("--stance", default=os.path.join(HERE, "../build/programs/stance"))
    ap.add_argument("--model", action="append",
                    help="stance model(s) to time (default: models/direction.model and "
                         "models/stance.model)")
    ap.add_argument("--repeat", type=int, default=5, help="the corpus this many times")
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    if not shutil.which("fasttext") or not os.path.exists("/usr/bin/time"):
        sys.exit("predict-speed: needs fasttext and /usr/bin/time (scripts/install-deps --bench)")
    models = a.model or [os.path.join(HERE, "../models/direction.model"),
                         os.path.join(HERE, "../models/stance.model")]
    with open(a.corpus, encoding="utf-8") as f:
        items = [json.loads(line) for line in f]
    with tempfile.TemporaryDirectory() as tmp:
        jsonl, text, train = (os.path.join(tmp, n) for n in ("in.jsonl", "in.txt", "train.ft"))
        with open(jsonl, "w", encoding="utf-8") as fj, open(text, "w", encoding="utf-8") as ft:
            for _ in range(a.repeat):
                for d in items:
                    fj.write(json.dumps(d, ensure_ascii=False) + "\n")
                    ft.write(one_line(d) + "\n")
        with open(train, "w", encoding="utf-8") as f:
            for d in items:
                if d.get("label") in ("warming", "cooling"):
                    f.write("__label__%s %s\n" % (d["label"], one_line(d)))
        subprocess.run(["fasttext", "supervised", "-input", train, "-output", tmp + "/ft",
                        "-thread", "2", "-seed", "1", "-wordNgrams", "2", "-epoch", "25",
                        "-lr", "0.5"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        runs = [("fasttext predict (-wordNgrams 2), text", ["fasttext", "predict", tmp + "/ft.bin", text])]
        for m in models:
            name = os.path.basename(m)
            runs.append(("stance %s, JSONL" % name, [a.stance, "predict", "-m", m, jsonl]))
            runs.append(("stance %s, same text" % name,
                         [a.stance, "predict", "-m", m, "-i", "lines", text]))
        secs = {name: [] for name, _ in runs}
        rss = {name: [] for name, _ in runs}
        for r in range(a.rounds):
            print("predict-speed: round %d of %d" % (r + 1, a.rounds), file=sys.stderr, flush=True)
            for name, cmd in runs:
                s, m = measured(cmd)
                secs[name].append(s)
                rss[name].append(m)
        nbytes = os.path.getsize(text)
    ft = secs[runs[0][0]]
    print("Input: %d articles (the corpus %d times), %.1f MB of text; %d rounds, tools "
          "alternating; min / median / max.\n" % (len(items) * a.repeat, a.repeat,
                                                  nbytes / 1e6, a.rounds))
    print("| run | wall s | peak RSS MB | speed-up over fastText, same round |")
    print("|---|---|---|---|")
    for name, _ in runs:
        ratio = [f / s for f, s in zip(ft, secs[name])]
        print("| %s | %s | %s | %s |" % (name, spread(secs[name], "%.2f"),
                                          spread(rss[name], "%.0f"),
                                          "—" if name == runs[0][0] else spread(ratio, "%.1fx")))


if __name__ == "__main__":
    main()
