#!/usr/bin/python3
"""Side-by-side benchmark of stance, fastText and scikit-learn.

Runs every tool on the same stratified (label x language) split of the
corpus, and by stratified K-fold cross-validation, and prints one table:
macro-F1 and accuracy overall and per language, training time, prediction
throughput (articles/s, MB/s), peak memory and model size.

Usage: bench/compare.py [--corpus PATH] [--folds K] [--stance PATH] [--quick]
Needs the Debian packages fasttext and python3-sklearn (scripts/install-deps --bench).
"""
import argparse, json, os, pickle, random, resource, shutil, subprocess, sys, tempfile, time
from collections import defaultdict

LABELS = ("warming", "cooling")


def load(path):
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["label"] in LABELS:
                items.append(d)
    return items


def body(d):
    return (d.get("title") or "") + "\n" + d["text"]


def stratified_folds(items, k, seed):
    by = defaultdict(list)
    for i, d in enumerate(items):
        by[(d["label"], d["lang"])].append(i)
    rng = random.Random(seed)
    fold = [0] * len(items)
    t = 0
    for key in sorted(by):
        idx = by[key]
        rng.shuffle(idx)
        for i in idx:
            fold[i] = t % k
            t += 1
    return fold


def run_measured(cmd):
    """Like run, with the child's peak RSS (MB) from wait4."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit("benchmark: %s failed (status %d)" % (" ".join(cmd), status))
    return seconds, usage.ru_maxrss / 1024.0, out


def write_jsonl(path, items):
    with open(path, "w", encoding="utf-8") as f:
        for d in items:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def ft_line(d):
    return " ".join(body(d).lower().split())


# ---- the tools ---------------------------------------------------------

class Stance:
    name = "stance"

    def __init__(self, binary, extra):
        self.binary, self.extra = binary, extra

    def train(self, tmp, train):
        write_jsonl(tmp + "/train.jsonl", train)
        secs, rss, _ = run_measured([self.binary, "train", "-q", "--labels", ",".join(LABELS),
                                     "-o", tmp + "/stance.model"] + self.extra + [tmp + "/train.jsonl"])
        return secs, rss, os.path.getsize(tmp + "/stance.model")

    def predict(self, tmp, items):
        write_jsonl(tmp + "/test.jsonl", items)
        secs, rss, out = run_measured([self.binary, "predict", "-m", tmp + "/stance.model",
                                       tmp + "/test.jsonl"])
        lines = out.decode().splitlines()[1:]
        return secs, rss, [l.split("\t")[1] for l in lines]


class FastText:
    def __init__(self, args):
        self.args = args
        self.name = "fastText " + " ".join(args)

    def train(self, tmp, train):
        with open(tmp + "/train.ft", "w", encoding="utf-8") as f:
            for d in train:
                f.write("__label__%s %s\n" % (d["label"], ft_line(d)))
        secs, rss, _ = run_measured(["fasttext", "supervised", "-input", tmp + "/train.ft",
                                     "-output", tmp + "/ft", "-thread", "2", "-seed", "1"] + self.args)
        return secs, rss, os.path.getsize(tmp + "/ft.bin")

    def predict(self, tmp, items):
        with open(tmp + "/test.txt", "w", encoding="utf-8") as f:
            for d in items:
                f.write(ft_line(d) + "\n")
        secs, rss, out = run_measured(["fasttext", "predict", tmp + "/ft.bin", tmp + "/test.txt"])
        return secs, rss, [l.replace("__label__", "") for l in out.decode().splitlines()]


SKLEARN_TRAIN = r"""
import json, pickle, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC
items = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
X = [(d.get("title") or "") + "\n" + d["text"] for d in items]
y = [d["label"] for d in items]
pipe = make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 5), sublinear_tf=True),
                     LinearSVC())
grid = GridSearchCV(pipe, {"linearsvc__C": [0.1, 0.3, 1, 3, 10]}, scoring="f1_macro", cv=5, n_jobs=1)
grid.fit(X, y)
pickle.dump(grid.best_estimator_, open(sys.argv[2], "wb"))
"""

SKLEARN_PREDICT = r"""
import json, pickle, sys
model = pickle.load(open(sys.argv[1], "rb"))
items = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
for label in model.predict([(d.get("title") or "") + "\n" + d["text"] for d in items]):
    print(label)
"""


class Sklearn:
    name = "sklearn char_wb 1-5 + LinearSVC"

    def train(self, tmp, train):
        write_jsonl(tmp + "/train.jsonl", train)
        secs, rss, _ = run_measured(["/usr/bin/python3", "-c", SKLEARN_TRAIN, tmp + "/train.jsonl",
                                     tmp + "/sk.pickle"])
        return secs, rss, os.path.getsize(tmp + "/sk.pickle")

    def predict(self, tmp, items):
        write_jsonl(tmp + "/test.jsonl", items)
        secs, rss, out = run_measured(["/usr/bin/python3", "-c", SKLEARN_PREDICT, tmp + "/sk.pickle",
                                       tmp + "/test.jsonl"])
        return secs, rss, out.decode().split()


# ---- scoring -------------------------------------------------------------

def macro_f1(truth, pred):
    f1s = []
    for label in LABELS:
        tp = sum(1 for t, p in zip(truth, pred) if t == label and p == label)
        fp = sum(1 for t, p in zip(truth, pred) if t != label and p == label)
        fn = sum(1 for t, p in zip(truth, pred) if t == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


def scores(items, pred):
    truth = [d["label"] for d in items]
    out = {"all": (macro_f1(truth, pred), sum(t == p for t, p in zip(truth, pred)) / len(truth))}
    for lang in sorted({d["lang"] for d in items}):
        idx = [i for i, d in enumerate(items) if d["lang"] == lang]
        t = [truth[i] for i in idx]
        p = [pred[i] for i in idx]
        out[lang] = (macro_f1(t, p), sum(a == b for a, b in zip(t, p)) / len(t))
    return out


def evaluate(tool, items, fold, k, throughput_items):
    """Holdout on fold 0 (an 80/20 split for k=5), then k-fold CV; and the
    prediction throughput of the holdout model on throughput_items."""
    row = {}
    with tempfile.TemporaryDirectory() as tmp:
        train = [d for d, f in zip(items, fold) if f != 0]
        test = [d for d, f in zip(items, fold) if f == 0]
        secs, rss, size = tool.train(tmp, train)
        _, _, pred = tool.predict(tmp, test)
        row["split"] = scores(test, pred)
        row["train_s"], row["train_mb"], row["size"] = secs, rss, size
        psecs, prss, pred = tool.predict(tmp, throughput_items)
        assert len(pred) == len(throughput_items)
        nbytes = sum(len(body(d).encode()) for d in throughput_items)
        row["articles_s"] = len(throughput_items) / psecs
        row["mb_s"] = nbytes / 1e6 / psecs
        row["predict_mb"] = prss
        pooled = [None] * len(items)
        for f in range(k):
            train = [d for d, g in zip(items, fold) if g != f]
            test_idx = [i for i, g in enumerate(fold) if g == f]
            tool.train(tmp, train)
            _, _, pred = tool.predict(tmp, [items[i] for i in test_idx])
            for i, p in zip(test_idx, pred):
                pooled[i] = p
        row["cv"] = scores(items, pooled)
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__),
                                                     "../../shared/corpus/train.jsonl"))
    ap.add_argument("--stance", default=os.path.join(os.path.dirname(__file__),
                                                     "../build/programs/stance"))
    ap.add_argument("--stance-args", default="", help="extra stance train options")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5,
                    help="throughput input: the whole corpus this many times")
    ap.add_argument("--quick", action="store_true", help="stance and one fastText setting only")
    a = ap.parse_args()
    if not shutil.which("fasttext"):
        sys.exit("benchmark: fasttext not found (apt-get install fasttext)")
    items = load(a.corpus)
    fold = stratified_folds(items, a.folds, a.seed)
    with open(a.corpus, encoding="utf-8") as f:
        everything = [json.loads(l) for l in f]
    throughput_items = everything * a.repeat
    tools = [Stance(a.stance, a.stance_args.split()),
             FastText(["-minn", "2", "-maxn", "5", "-wordNgrams", "2", "-epoch", "25", "-lr", "0.5"])]
    if not a.quick:
        tools += [FastText(["-minn", "3", "-maxn", "6", "-wordNgrams", "2", "-epoch", "50", "-lr", "1.0", "-dim", "50"]),
                  FastText(["-wordNgrams", "2", "-epoch", "25", "-lr", "0.5"]),
                  Sklearn()]
    langs = sorted({d["lang"] for d in items})
    rows = []
    for tool in tools:
        print("benchmark: %s ..." % tool.name, file=sys.stderr, flush=True)
        rows.append((tool.name, evaluate(tool, items, fold, a.folds, throughput_items)))
    nbytes = sum(len(body(d).encode()) for d in throughput_items)
    print("Corpus: %d warming/cooling items; split: fold 0 of %d held out (%d items); "
          "throughput input: %d articles, %.1f MB.\n"
          % (len(items), a.folds, fold.count(0), len(throughput_items), nbytes / 1e6))
    head = "| tool | eval | macro-F1 | acc | " + " | ".join(langs) + \
           " | train s | train MB | predict art/s | predict MB/s | predict MB | model MB |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for name, r in rows:
        for ev in ("split", "cv"):
            s = r[ev]
            cells = [name if ev == "split" else "", "80/20" if ev == "split" else "%d-fold CV" % a.folds,
                     "%.3f" % s["all"][0], "%.3f" % s["all"][1]] + \
                    ["%.3f" % s[l][0] if l in s else "-" for l in langs]
            if ev == "split":
                cells += ["%.1f" % r["train_s"], "%.0f" % r["train_mb"], "%.0f" % r["articles_s"],
                          "%.1f" % r["mb_s"], "%.0f" % r["predict_mb"], "%.2f" % (r["size"] / 1e6)]
            else:
                cells += [""] * 6
            print("| " + " | ".join(cells) + " |")
    print("\nmacro-F1 columns per language are macro-F1 within that language.")


if __name__ == "__main__":
    main()
