#!/usr/bin/env bash
# Loads stance eval's HTML report in headless Chromium and checks what a
# reader sees: the rendered DOM has the three charts with their marks, the
# headline numbers, and nothing fetched from elsewhere (self-contained).
# Exits 77 (skipped) when Chromium is not installed.
# Usage: check_html_report.sh STANCE SOURCE_DIR WORK_DIR
set -uo pipefail
stance=$1 src=$2 work=$3
. "$src/tests/chromium.sh"
chromium_or_skip
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
"$stance" eval -m "$src/models/stance.model" --html report.html \
  "$src/data/samples/articles.jsonl" > /dev/null || exit 1
render report.html 1000 2000
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
# Provenance: what the report was made from.
check "provenance: model" grep -q "<th>model</th><td[^>]*><code>$src/models/stance.model</code>" dom.html
check "provenance: training data" grep -Eq '<th>trained on</th><td[^>]*><code>[0-9]+ records, fingerprint [0-9a-f]{16}</code>' dom.html
check "provenance: command and date" bash -c "grep -q '<th>command</th><td[^>]*><code>stance eval -m ' dom.html && grep -Eq '<th>date</th><td[^>]*><code>20[0-9]{2}-[0-9]{2}-[0-9]{2}T' dom.html"
# Axes: both sides of the confusion matrix named, ticks on the charts.
check "confusion axes named" bash -c "grep -q '>predicted label<' dom.html && grep -q '>true label<' dom.html"
check "precision and recall bars, two per label" \
  test "$(grep -o '<rect class="pr ' dom.html | wc -l)" -eq $((2 * nlabels))
check "ticks from 0.0 to 1.0 on every chart" test "$(grep -o 'class="tick"[^>]*>1.0<' dom.html | wc -l)" -ge 3
# The screenshot is a chart, not a blank page: the bar colours are painted.
read -r _ blue < <(/usr/bin/python3 "$src/tests/png_colours.py" report.png 4a7bd0)
read -r _ orange < <(/usr/bin/python3 "$src/tests/png_colours.py" report.png f28e2b)
check "screenshot shows the bars ($blue blue pixels)" test "${blue:-0}" -gt 2000
check "screenshot shows recall bars ($orange orange pixels)" test "${orange:-0}" -gt 500
echo "$passed passed, $failures failed"
test $failures -eq 0
