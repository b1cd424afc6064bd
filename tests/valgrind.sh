#!/usr/bin/env bash
# train, predict and eval on the samples under valgrind: any invalid access
# or definite/indirect leak fails the test.
# Usage: valgrind.sh STANCE SOURCE_DIR WORK_DIR
set -euo pipefail
stance=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect)
samples=$src/data/samples/articles.jsonl
"${vg[@]}" "$stance" train -q --cv 3 -j 2 -o m.model "$samples"
"${vg[@]}" "$stance" predict -m m.model -j 2 --explain 3 --format jsonl "$samples" > /dev/null
"${vg[@]}" "$stance" eval -m m.model --html r.html "$samples" > /dev/null
"${vg[@]}" "$stance" features -o f.svm "$samples" 2> /dev/null
echo "1 passed, 0 failed"
