#!/usr/bin/env bash
# Fault injection for writes: every command that writes a file, writing
# onto a filesystem too small for it (a 4 KB tmpfs), must fail with the
# path and "No space left on device" and leave nothing there: no partial
# output, no temporary file.  (/dev/full, which the hostile-input test
# uses, is written in place; this reaches the temporary-file-and-rename
# path.)  Runs as root, or in a user and mount namespace (unshare -rm);
# exits 77 (skipped) where neither can mount a tmpfs.
# Usage: e2e_full_disk.sh STANCE SOURCE_DIR WORK_DIR
set -uo pipefail
stance=$1 src=$2 work=$3
if [ "$(id -u)" -ne 0 ] && [ -z "${STANCE_IN_NAMESPACE:-}" ]; then
  STANCE_IN_NAMESPACE=1 exec unshare -rm "$0" "$@" 2> /dev/null || { echo "no mount namespace: skipped"; exit 77; }
fi
samples=$src/data/samples/articles.jsonl
model=$src/models/stance.model
rm -rf "$work" && mkdir -p "$work/fs" && cd "$work" || exit 1
if ! mount -t tmpfs -o size=4k tmpfs fs 2> /dev/null; then
  echo "cannot mount a tmpfs: skipped"
  exit 77
fi
trap 'umount "$work/fs"' EXIT
failures=0 passed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
full() {  # full NAME COMMAND...: fails, names the path, leaves fs empty
  local name=$1; shift
  "$@" > /dev/null 2> err.txt; local rc=$?
  check "$name: status 1" test $rc -eq 1
  check "$name: says the disk is full" grep -q "fs/.*No space left on device" err.txt
  check "$name: nothing left behind" test -z "$(ls -A fs)"
}
full "predict -o" "$stance" predict -m "$model" --format jsonl -o fs/out.jsonl "$samples"
full "eval -o" "$stance" eval -m "$model" --format json -o fs/report.json "$samples" "$samples"
full "eval --html" "$stance" eval -m "$model" -o report.txt --html fs/report.html "$samples"
check "eval --html on a full disk: no text report either" test ! -e report.txt
full "train -o" "$stance" train -q --cv 2 -o fs/m.model "$samples"
full "features -o" "$stance" features -q --set char=1-5 -o fs/f.svm "$samples"
corpus=$src/../shared/corpus/train.jsonl
full "trend -o" "$stance" trend -q -m "$model" --by day -o fs/t.tsv "$samples" "$corpus"
full "trend --html" "$stance" trend -q -m "$model" --per lang --html fs/t.html "$samples" "$corpus"
full "trend --left-out" "$stance" trend -q -m "$model" --by day --left-out fs/left.tsv \
  "$samples" "$corpus"
echo "$passed passed, $failures failed"
test $failures -eq 0
