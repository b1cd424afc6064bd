#!/usr/bin/env bash
# The shipped model: it loads, it is the default, its decisions on the
# samples are the recorded ones, and models/build's recipe reproduces it
# (when the corpus is beside the checkout).
# Usage: e2e_model.sh STANCE SOURCE_DIR WORK_DIR
set -uo pipefail
stance=$1 src=$2 work=$3
failures=0 passed=0
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
unset STANCE_MODEL

check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}

"$stance" predict "$src/data/samples/articles.jsonl" > default.tsv
check "default model predicts" test -s default.tsv
check "decisions on samples match the recorded ones" \
  diff -u "$src/data/samples/expected-predictions.tsv" default.tsv
"$stance" predict -m "$src/models/stance.model" "$src/data/samples/articles.jsonl" > explicit.tsv
check "default model is models/stance.model" cmp -s default.tsv explicit.tsv

corpus=$src/../shared/corpus/train.jsonl
if [ -f "$corpus" ]; then
  # The recipe of models/build, into a scratch file.
  "$stance" train -q --labels warming,cooling --repeats 3 --seed 1 \
    --set char=3-5 --set word=1 --set bits=18 --set accents=strip -o rebuilt.model "$corpus"
  "$stance" predict -m rebuilt.model "$src/data/samples/articles.jsonl" > rebuilt.tsv
  check "rebuilt model gives the same labels" \
    cmp -s <(cut -f1,2 rebuilt.tsv) <(cut -f1,2 default.tsv)
  check "rebuilt model gives the same scores (1e-4)" \
    awk -F'\t' 'NR == FNR { s[FNR] = $5; next }
                FNR > 1 { d = $5 - s[FNR]; if (d < 0) d = -d; if (d > 1e-4) bad = 1 }
                END { exit bad }' rebuilt.tsv default.tsv
else
  echo "note: $corpus not found; reproduction not checked"
fi
echo "$passed passed, $failures failed"
test $failures -eq 0
