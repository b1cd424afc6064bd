#!/usr/bin/env bash
# End-to-end tests of stance trend: the index worked out by hand, empty
# periods, records left out and named, JSON, the same table from raw input
# and from predict's output, thread independence, and bad input.
# Usage: e2e_trend.sh STANCE SOURCE_DIR WORK_DIR
set -uo pipefail
stance=$1 src=$2 work=$3
failures=0 passed=0
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

check() {  # check NAME COMMAND...: the command must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
row() {  # row FILE PERIOD GROUP: that row's fields after the group
  awk -F'\t' -v p="$2" -v g="$3" '$1 == p && $2 == g' "$1" | cut -f3-
}

# Records as stance predict --format jsonl writes them: no model needed.
scored() {  # scored LINE_ID LANG DATE_JSON P_WARMING P_COOLING PREDICTED
  printf '{"id":"%s","lang":"%s","date":%s,"text":"t","predicted":"%s","probability":{"warming":%s,"cooling":%s,"neutral":%s}}\n' \
    "$1" "$2" "$3" "$6" "$4" "$5" "$(awk -v w="$4" -v c="$5" 'BEGIN { printf "%.2f", 1 - w - c }')"
}
{
  scored a en '"2025-06-01"' 0.8 0.1 warming
  scored b en '"Thu, 12 Jun 2025 23:30:00 -0500"' 0.2 0.6 cooling
  scored c en '"2025-08-03T10:00:00Z"' 0.5 0.5 warming
  scored d ru 1749736980 0.1 0.9 cooling
  scored e ru '"2025"' 0.3 0.3 neutral
  scored f ru '""' 0.3 0.3 neutral
  scored g ru '"2025-02-30"' 0.3 0.3 neutral
} > scored.jsonl

STANCE_MODEL=/nonexistent "$stance" trend --by month --per lang --left-out left.tsv \
  scored.jsonl > month.tsv 2> month.err
check "scored input needs no model" test $? -eq 0
check "header" grep -q $'^period\tlang\tarticles\tn_warming\tn_cooling\tn_neutral\tindex\tlow\thigh\tnote$' month.tsv
check "two groups x three months" test "$(tail -n +2 month.tsv | wc -l)" -eq 6
# en, June: (0.8 - 0.1 + 0.2 - 0.6) / 2 = 0.15; the RFC 2822 date is 13 June in UTC.
check "en 2025-06 index by hand" test "$(row month.tsv 2025-06 en | cut -f1-5)" = $'2\t1\t1\t0\t0.1500'
check "en 2025-07 empty row" test "$(row month.tsv 2025-07 en)" = $'0\t0\t0\t0\t\t\t\tempty'
check "en 2025-08: one article, no interval, few" test "$(row month.tsv 2025-08 en)" = $'1\t1\t0\t0\t0.0000\t\t\tfew'
check "ru 2025-06 from Unix seconds" test "$(row month.tsv 2025-06 ru | cut -f1,5)" = $'1\t-0.8000'
check "interval brackets the index" awk -F'\t' '$1 == "2025-06" && $2 == "en" { exit !($8 <= $7 && $7 <= $9 && $8 < $9) }' month.tsv
check "left out: year alone named with file:line" grep -q 'scored.jsonl:5: left out: "date" 2025 is too coarse for --by month' month.err
check "left out: empty date" grep -q 'scored.jsonl:6: left out: no "date"' month.err
check "left out: impossible day" grep -q 'scored.jsonl:7: left out: "date": day 30 does not exist in 2025-02' month.err
check "summary counts" grep -q '4 articles in 6 rows (by month); left out 3: 1 undated, 1 with an unreadable date, 1 with a date too coarse' month.err
check "--left-out lists all three" test "$(tail -n +2 left.tsv | cut -f1,2 | tr '\t\n' ' /')" = "scored.jsonl:5 e/scored.jsonl:6 f/scored.jsonl:7 g/"

"$stance" trend -q --by year --per lang scored.jsonl > year.tsv
check "by year the year alone counts" test "$(row year.tsv 2025 ru | cut -f1)" = 2
"$stance" trend -q --by week scored.jsonl > week.tsv
check "ISO weeks, one group" test "$(cut -f1,2 week.tsv | sed -n '2p;3p;11p' | tr '\t\n' ' /')" = "2025-W22 1/2025-W23 0/2025-W31 1/"

"$stance" trend --by month --from 2025-06-20 --until 2025-07 scored.jsonl > range.tsv 2> range.err
check "--from/--until keep whole periods" test "$(cut -f1,2 range.tsv | tail -n +2 | tr '\t\n' ' /')" = "2025-06 3/"
check "--from/--until count what they leave out" grep -q '^stance: 1 article outside --from/--until' range.err
"$stance" trend -q --from 2025-08 --until 2025-06 scored.jsonl 2> err.txt
check "--from after --until is a usage error" test $? -eq 2

"$stance" trend -q --format json --per lang scored.jsonl > month.json
check "json table" /usr/bin/python3 -c '
import json, sys
t = json.load(open("month.json"))
assert t["by"] == "month" and t["per"] == ["lang"], t
assert t["left_out"] == {"undated": 1, "unparseable": 1, "too_coarse": 1,
                        "outside_range": 0}, t["left_out"]
assert len(t["rows"]) == 6 and t["articles"] == 4
r = t["rows"][0]
assert (r["period"], r["lang"], r["articles"], r["index"]) == ("2025-06", "en", 2, 0.15), r
assert t["rows"][1]["index"] is None and t["rows"][1]["note"] == "empty"
assert r["predicted"] == {"warming": 1, "cooling": 1, "neutral": 0}, r
'

# With a model: raw articles and predict's output of them give one table,
# at any thread count.
head -n 400 "$src/../shared/corpus/train.jsonl" > corpus.jsonl 2> /dev/null ||
  head -n 400 "$src/data/samples/articles.jsonl" > corpus.jsonl
model=$src/models/stance.model
"$stance" trend -q -m "$model" -j 1 --per lang,source --by year corpus.jsonl > raw1.tsv
"$stance" trend -q -m "$model" -j 2 --per lang,source --by year corpus.jsonl > raw2.tsv
"$stance" predict -q -m "$model" --format jsonl corpus.jsonl > predicted.jsonl
"$stance" trend -q --per lang,source --by year predicted.jsonl > via-predict.tsv
check "table is not empty" test "$(awk -F'\t' 'NR > 1 && $4 > 0' raw1.tsv | wc -l)" -gt 0
check "lang and source columns" grep -q $'^period\tlang\tsource\tarticles' raw1.tsv
check "same table for 1 and 2 threads" cmp -s raw1.tsv raw2.tsv
check "same table from predict's output" cmp -s raw1.tsv via-predict.tsv
check "--field date=NAME" bash -c "sed 's/\"date\"/\"published\"/' corpus.jsonl |
  '$stance' trend -q -m '$model' --per lang,source --by year --field date=published - | cmp -s - raw1.tsv"

# CSV rows carry their date and source columns to trend.
printf 'id,lang,source,date,text\n1,en,wire,2025-06-01,"Talks resume, both sides say"\n2,en,paper,"Thu, 12 Jun 2025 09:00:00 GMT",New sanctions\n' > rows.csv
"$stance" trend -q -m "$model" --per source rows.csv > csv-trend.tsv
check "CSV: trend by source from its columns" test "$(cut -f1,2,3 csv-trend.tsv | tail -n +2 | tr '\t\n' ' /')" = "2025-06 paper 1/2025-06 wire 1/"

# Bad input: clear messages naming file and line; nothing written.
"$stance" trend --events ev.tsv scored.jsonl > /dev/null 2> err.txt
check "--events without --html is a usage error" test $? -eq 2
printf '2025-06-01\tsummit\n2025-13-01\tnothing\n' > ev.tsv
"$stance" trend -q -o out.tsv --html out.html --events ev.tsv scored.jsonl 2> err.txt
check "bad event date: file and line" grep -q 'ev.tsv:2: month 13 does not exist' err.txt
check "bad event: no output written" test ! -e out.tsv -a ! -e out.html
printf '{"id":"x","text":"t","date":"2025-01-01","predicted":"warming","probability":{"warming":"high","cooling":0.1}}\n' > badprob.jsonl
"$stance" trend -q -o out.tsv badprob.jsonl 2> err.txt
check "bad probability: file and line" grep -q 'badprob.jsonl:1: "probability" needs numbers from 0 to 1' err.txt
check "bad probability: no output" test ! -e out.tsv
cat badprob.jsonl scored.jsonl > mixed.jsonl
"$stance" trend --skip-bad -o out.tsv mixed.jsonl 2> err.txt
check "bad probability skipped with --skip-bad" grep -q 'skipped: mixed.jsonl:1: "probability" needs numbers' err.txt
check "bad probability skipped: counted" grep -q '; 1 bad record skipped' err.txt
rm -f out.tsv
scored z en '"someday"' 0.5 0.2 warming > undated.jsonl
"$stance" trend -q -o out.tsv undated.jsonl 2> err.txt
check "no dated article is an error" grep -q 'no article has a date.*1 unreadable' err.txt
# Stray dates (year 1, year 9999) cannot stretch the table past its bound.
for l in en ru de; do
  scored "$l-1" "$l" '"0001-01-01"' 0.9 0.1 warming
  scored "$l-2" "$l" '"9999-12-31"' 0.9 0.1 warming
done > wide.jsonl
"$stance" trend -q --by day --per lang -o wide.tsv wide.jsonl 2> err.txt; rc=$?
check "a table too large is refused" test $rc -eq 1
check "a table too large: says how to narrow it" grep -q 'the table would have 3 groups x 3652059 periods, more than 10000000 rows: narrow it with --from/--until' err.txt
check "a table too large: nothing written" test ! -e wide.tsv
"$stance" trend -q --by year --per lang wide.jsonl > wide-years.tsv
check "the same by year is fine" test "$(tail -n +2 wide-years.tsv | wc -l)" -eq $((3 * 9999))
"$stance" trend --by fortnight scored.jsonl 2> err.txt
check "--by names its choices" grep -q 'expected day, week, month or year' err.txt

echo "$passed passed, $failures failed"
test $failures -eq 0
