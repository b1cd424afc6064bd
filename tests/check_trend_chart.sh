#!/usr/bin/env bash
# Loads stance trend's HTML chart in headless Chromium and checks what a
# reader sees: in the rendered DOM, one line per language, one bar per
# (language, period) with articles, hollow points for periods with few
# articles, the events inside the time range and nothing from elsewhere;
# in the screenshot, each language's colour actually painted.
# Exits 77 (skipped) when Chromium is not installed.
# Usage: check_trend_chart.sh STANCE SOURCE_DIR WORK_DIR
set -uo pipefail
stance=$1 src=$2 work=$3
. "$src/tests/chromium.sh"
chromium_or_skip
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

# Scored records (stance predict --format jsonl): en in three months of
# 2025, ru in two, 13 articles in all.
record() {  # record LANG DATE P_WARMING P_COOLING
  printf '{"id":"x","lang":"%s","date":"%s","text":"t","predicted":"neutral","probability":{"warming":%s,"cooling":%s,"neutral":0}}\n' "$@"
}
{
  for d in 01 02 03 04 05; do record en 2025-03-$d 0.7 0.3; done
  record en 2025-04-10 0.4 0.6
  for d in 01 02 03 04; do record en 2025-05-$d 0.2 0.8; done
  record ru 2025-03-15 0.1 0.9
  record ru 2025-05-15 0.9 0.1
  record ru 2025-05-16 0.8 0.2
} > scored.jsonl
printf '2025-04-20\tsummit <talks>\n2019-01-01\tbefore the data\n' > events.tsv
"$stance" trend -q --per lang --min-articles 3 --html chart.html --events events.tsv \
  --title 'Test & trend' scored.jsonl > table.tsv || exit 1

render chart.html 1000 800
count() { grep -o "$1" dom.html | wc -l; }
check "page rendered with its title escaped" grep -q '<h1>Test &amp; trend</h1>' dom.html
check "one line per language" test "$(count '<path class="series"')" -eq 2
check "lines named by language" test "$(grep -o 'data-group="[a-z]*"' dom.html | tr '\n' ' ')" = 'data-group="en" data-group="ru" '
# en has articles in 3 months, ru in 2 (April is empty for ru: a gap).
check "one bar per language and month with articles" test "$(count '<rect class="bar"')" -eq 5
check "one point per bar" test "$(count '<circle class="point')" -eq 5
check "hollow points where fewer than 3 articles" test "$(count '<circle class="point few"')" -eq 3
check "ru's line breaks at its empty month" test "$(grep -o '<path class="series" data-group="ru"[^>]*' dom.html | grep -o '[ML]' | tr -d '\n')" = MM
check "event inside the range drawn, outside not" test "$(count '<g class="event">')" -eq 1
check "event label escaped" grep -q 'summit &lt;talks&gt;' dom.html
check "article count shown" grep -q '<b id="articles">13</b>' dom.html
check "self-contained (no external URLs)" bash -c "! grep -Eq '(src|href)=\"(https?:)?//' chart.html"
check "screenshot taken" test -s chart.png
# The palette's first two colours are en's and ru's; their bars and solid
# points are painted in exactly those colours.
read -r _ en_pixels < <(/usr/bin/python3 "$src/tests/png_colours.py" chart.png 4e79a7)
read -r _ ru_pixels < <(/usr/bin/python3 "$src/tests/png_colours.py" chart.png f28e2b)
check "en's colour painted ($en_pixels pixels)" test "${en_pixels:-0}" -gt 200
check "ru's colour painted ($ru_pixels pixels)" test "${ru_pixels:-0}" -gt 100
echo "$passed passed, $failures failed"
test $failures -eq 0
