#!/usr/bin/env bash
# Prediction sharded the way distributed runners do it: GNU parallel cuts a
# 100,000-line JSONL input into blocks, 4 stance processes label them, and
# --keep-order joins their outputs.  The result must be byte-identical to
# one process, for JSONL and for header-less TSV.  Skips (77) without GNU
# parallel (Debian package parallel).
# Usage: e2e_parallel.sh STANCE SOURCE_DIR WORK_DIR
set -uo pipefail
stance=$1 src=$2 work=$3
command -v parallel > /dev/null || { echo "GNU parallel not installed: skipped"; exit 77; }
failures=0 passed=0
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
export STANCE_MODEL=$src/models/stance.model

check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}

# 100,000 records with unique ids (ids generated from line numbers would
# restart in every block), cycling through the sample articles.
awk 'BEGIN { n = 0 } { line[n++] = $0 }
     END { for (i = 0; i < 100000; i++) {
             l = line[i % n]; sub(/"id": *"[^"]*"/, "\"id\": \"r" i "\"", l); print l } }' \
  "$src/data/samples/articles.jsonl" > input.jsonl
check "input has 100,000 lines" test "$(wc -l < input.jsonl)" -eq 100000

"$stance" predict -q -j 1 --format jsonl - < input.jsonl > one.jsonl
parallel --will-cite --pipe --keep-order --block 1M -j 4 \
  "$stance" predict -q -j 1 --format jsonl - < input.jsonl > sharded.jsonl
check "JSONL: 4 sharded processes = one process" cmp -s one.jsonl sharded.jsonl
check "JSONL: every record labelled" test "$(wc -l < sharded.jsonl)" -eq 100000

"$stance" predict -q -j 1 --no-header - < input.jsonl > one.tsv
parallel --will-cite --pipe --keep-order --block 1M -j 4 \
  "$stance" predict -q -j 1 --no-header - < input.jsonl > sharded.tsv
check "TSV: 4 sharded processes = one process" cmp -s one.tsv sharded.tsv
check "TSV: --no-header prints rows only" test "$(wc -l < sharded.tsv)" -eq 100000

echo "$passed passed, $failures failed"
test $failures -eq 0
