#!/usr/bin/env bash
# Loads stance eval's HTML report in headless Chromium and checks what a
# reader sees: the rendered DOM has the three charts with their marks, the
# headline numbers, and nothing fetched from elsewhere (self-contained).
# Exits 77 (skipped) when Chromium is not installed.
# Usage: check_html_report.sh STANCE SOURCE_DIR WORK_DIR
set -uo pipefail
stance=$1 src=$2 work=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium not installed (apt-get install chromium): skipped"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
"$stance" eval -m "$src/models/stance.model" --html report.html \
  "$src/data/samples/articles.jsonl" > /dev/null || exit 1
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$work/profile")
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/report.html" > dom.html 2> chromium.log
timeout 120 "$browser" "${flags[@]}" --window-size=1000,1600 \
  --screenshot="$work/report.png" "file://$work/report.html" > /dev/null 2>> chromium.log
failures=0 passed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
check "page rendered" grep -q "<h1>stance evaluation</h1>" dom.html
# One heatmap cell per (truth, predicted) pair of the model's labels.
nlabels=$("$stance" info "$src/models/stance.model" | awk -F', ' '/^labels:/ { print NF }')
check "confusion heatmap with $nlabels x $nlabels cells" \
  test "$(grep -o '<rect class="cell"' dom.html | wc -l)" -eq $((nlabels * nlabels))
check "language bars (5 languages + all)" test "$(grep -o '<rect class="bar" x="60"' dom.html | wc -l)" -eq 6
check "reliability diagram" grep -q '<svg id="reliability"' dom.html
check "headline macro-F1" grep -q '<b id="macro-f1">[01]\.[0-9]*</b>' dom.html
check "self-contained (no external URLs)" bash -c "! grep -Eq '(src|href)=\"(https?:)?//' report.html"
check "screenshot taken" test -s report.png
echo "$passed passed, $failures failed"
test $failures -eq 0
