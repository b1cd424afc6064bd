#!/usr/bin/env bash
# The library's layers look only down: an #include "DIR/..." is allowed
# only where DIR is a layer the including file's layer may use, and the
# public header includes nothing of the library's (nor jansson or libsvm).
#   common -> features -> corpus -> svm -> train | predict | eval -> lib
#   trend (dates and periods) uses common only; programs use everything.
# Usage: check_layers.sh SOURCE_DIR
set -uo pipefail
cd "$1" || exit 1
declare -A may=(
  [common]="common"
  [features]="common features"
  [corpus]="common features corpus"
  [svm]="common features corpus svm"
  [train]="common features corpus svm train"
  [predict]="common features corpus svm predict"
  [eval]="common features corpus svm eval"
  [trend]="common trend"
  [lib]="common features corpus svm train predict eval trend lib"
)
bad=0 checked=0
for layer in "${!may[@]}"; do
  for file in "$layer"/*.[ch]; do
    [ -e "$file" ] || continue
    while IFS=: read -r line dir; do
      checked=$((checked + 1))
      case " ${may[$layer]} " in
        *" $dir "*) ;;
        *) echo "$file:$line: includes \"$dir/...\": the $layer layer may use only: ${may[$layer]}"
           bad=$((bad + 1)) ;;
      esac
    done < <(grep -n -o -E '^#include "[a-z_]+/' "$file" | sed -E 's/#include "//; s|/$||')
  done
done
if grep -n -E '^#include' lib/stance.h | grep -v -E '<(stddef|stdint)\.h>'; then
  echo "lib/stance.h: the public header includes more than the C library"
  bad=$((bad + 1))
fi
if grep -n -E '\b(json_t|svm_model|svm_node|feature_node|st_[a-z_]+)\b' lib/stance.h; then
  echo "lib/stance.h: an internal or dependency type in the public header"
  bad=$((bad + 1))
fi
echo "check_layers: $checked includes checked, $bad wrong"
[ "$bad" -eq 0 ] && [ "$checked" -gt 50 ]
