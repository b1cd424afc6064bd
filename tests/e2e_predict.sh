#!/usr/bin/env bash
# End-to-end tests of stance train / predict / eval through the binary.
# Usage: e2e_predict.sh STANCE SOURCE_DIR WORK_DIR
set -uo pipefail
stance=$1 src=$2 work=$3
samples=$src/data/samples/articles.jsonl
failures=0 passed=0
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

check() {  # check NAME COMMAND...: the command must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}

"$stance" train -q --cv 3 -o model "$samples" || { echo "FAIL: training"; exit 1; }
export STANCE_MODEL=$work/model

# Output bytes do not depend on the thread count, across several batches.
"$stance" predict -j 1 --batch 5 "$samples" "$samples" > one.tsv
"$stance" predict -j 2 --batch 3 "$samples" "$samples" > two.tsv
check "tsv identical for 1 and 2 threads" cmp -s one.tsv two.tsv
"$stance" predict -j 1 --format jsonl --explain 3 "$samples" > one.jsonl
"$stance" predict -j 2 --format jsonl --explain 3 --batch 2 "$samples" > two.jsonl
check "jsonl identical for 1 and 2 threads" cmp -s one.jsonl two.jsonl
check "tsv has header and one line per article" test "$(wc -l < one.tsv)" -eq 25
check "tsv header names label columns" grep -q $'^id\tpredicted\tp_warming\tp_cooling\tscore$' one.tsv
check "tsv keeps input order" test "$(sed -n '2p;13p' one.tsv | cut -f1 | tr '\n' ' ')" = "sample-01 sample-12 "

# JSONL passthrough keeps every input field and adds the prediction.
check "jsonl keeps input fields" test "$(grep -c '"source":"stance-authors".*"confidence":"high".*"predicted":"\(warming\|cooling\)","probability":{"warming":[0-9.e-]*,"cooling":[0-9.e-]*},"score":' one.jsonl)" -eq 12
check "jsonl explains" grep -q '"explain":\[{"ngram":' one.jsonl

# Standard input, explicit and implied; empty input.
check "stdin with -" test "$(grep -v '^ *$' "$samples" | "$stance" predict - | wc -l)" -eq 13
check "stdin implied" test "$(printf 'sanctions on Moscow\ntalks agreed\n' | "$stance" predict | wc -l)" -eq 3
"$stance" predict < /dev/null > empty.tsv
check "empty input gives the header only" test "$(wc -l < empty.tsv)" -eq 1

# Directories are walked; each file is an article.
mkdir -p tree/a/b && echo "New sanctions against Russia" > tree/a/one.txt && echo "Summit agreed" > tree/a/b/two.txt
check "directory input" test "$("$stance" predict tree | cut -f1 | tail -n +2 | tr '\n' ' ')" = "tree/a/b/two.txt tree/a/one.txt "

# A missing input: clear message, non-zero exit, no output file left.
"$stance" predict -o out.tsv "$samples" does-not-exist.jsonl 2> err.txt; rc=$?
check "missing input fails" test $rc -ne 0
check "missing input is named" grep -q "does-not-exist.jsonl: cannot open: No such file" err.txt
check "no partial output file" test ! -e out.tsv
"$stance" predict "$samples" does-not-exist.jsonl > out.tsv 2> /dev/null
check "missing input is found before anything is written" test ! -s out.tsv

# Bad lines: without --skip-bad the run stops at the line; with it, the
# good lines are all labelled and the bad ones reported by line.
{ head -3 "$samples"; echo '{"text": broken'; echo '{"id":"x"}'; tail -2 "$samples"; } > mixed.jsonl
"$stance" predict -o strict.tsv mixed.jsonl 2> err.txt; rc=$?
check "bad line stops the run" test $rc -ne 0
check "bad line is named" grep -q "mixed.jsonl:4: bad JSON" err.txt
check "stopped run leaves no output" test ! -e strict.tsv
"$stance" predict --skip-bad mixed.jsonl > skip.tsv 2> err.txt; rc=$?
check "skip-bad succeeds" test $rc -eq 0
check "skip-bad labels every good line" test "$(wc -l < skip.tsv)" -eq 6
check "skip-bad reports line 4" grep -q "skipped: .*mixed.jsonl:4: bad JSON" err.txt
check "skip-bad reports line 5" grep -q 'skipped: .*mixed.jsonl:5: missing field "text"' err.txt
# JSONL records are parsed on the worker threads: batches that end inside
# or wholly within the bad lines give the same output and the same
# reports, in line order, as one thread reading record by record.
{ cat mixed.jsonl; echo '{"text": ""}'; echo '[1]'; echo '{"id":"y","text":"Talks in Geneva"}'; } > mixed2.jsonl
"$stance" predict -j 1 --batch 1 --skip-bad mixed2.jsonl > skip1.tsv 2> err1.txt
for b in 2 3 4 1000; do
  "$stance" predict -j 2 --batch $b --skip-bad mixed2.jsonl > skipn.tsv 2> errn.txt
  check "skip-bad output, batch $b" cmp -s skip1.tsv skipn.tsv
  check "skip-bad reports, batch $b" cmp -s err1.txt errn.txt
done
check "skip-bad reports every bad line" test "$(grep -c '^stance: skipped: ' err1.txt)" -eq 4
check "empty text is bad" grep -q 'mixed2.jsonl:8: empty text' err1.txt
check "a non-object is bad" grep -q 'mixed2.jsonl:9: expected a JSON object' err1.txt
"$stance" predict -j 2 --batch 1000 mixed2.jsonl > /dev/null 2> errn.txt
check "the first bad line stops a parallel run" grep -q "mixed2.jsonl:4: bad JSON" errn.txt

# eval: every format, and labels the model does not know are reported.
{ cat "$samples"; echo '{"id":"n1","lang":"en","label":"neutral","text":"markets rose"}'; } > witheval.jsonl
"$stance" eval witheval.jsonl > report.txt
check "eval text report" grep -q "macro avg" report.txt
check "eval reports unknown labels" grep -q "label 'neutral' is unknown to the model: 1 record not scored" report.txt
check "eval per language" grep -q "^\[vi\]" report.txt
"$stance" eval --format json witheval.jsonl > report.json
check "eval json" grep -q '"unknown_labels": {' report.json
"$stance" eval --format markdown --html report.html witheval.jsonl > report.md
check "eval markdown" grep -q "| \*\*macro avg\*\* |" report.md
check "eval html has its charts" grep -q '<svg id="reliability"' report.html

# Outputs that are not regular files are written in place, never replaced
# by a rename (a FIFO here; the same path serves /dev/null), and a full
# device is a write error.
mkfifo out.fifo
cat out.fifo > from-fifo.tsv &
"$stance" predict -o out.fifo "$samples"; rc=$?
wait
check "fifo output succeeds" test $rc -eq 0
check "fifo is still a fifo" test -p out.fifo
check "fifo carried every line" test "$(wc -l < from-fifo.tsv)" -eq 13
if [ -c /dev/full ]; then
  "$stance" predict -o /dev/full "$samples" 2> err.txt; rc=$?
  check "full device fails" test $rc -ne 0
  check "full device is reported" grep -q "/dev/full: write error: No space left on device" err.txt
  check "/dev/full is still a device" test -c /dev/full
fi

# A model that is not a model.
echo "not a model" > bad.model
"$stance" predict -m bad.model "$samples" 2> err.txt; rc=$?
check "bad model refused" test $rc -ne 0
check "bad model named" grep -q "bad.model: not a stance model file" err.txt

# Outputs take the umask's mode, as any new file does (mkstemp's 0600 is
# not what a shared results directory expects).
(umask 022 && "$stance" predict -o mode644.tsv "$samples")
(umask 077 && "$stance" predict -o mode600.tsv "$samples")
check "output mode under umask 022" test "$(stat -c %a mode644.tsv)" = 644
check "output mode under umask 077" test "$(stat -c %a mode600.tsv)" = 600

# An empty input is worth a word; counts are spelled right.
"$stance" predict < /dev/null > /dev/null 2> err.txt
check "empty input warned about" grep -q "warning: no articles in the input" err.txt
printf '{"id":"a","text":"talks"}\n{"id":"b"}\n' > one-bad.jsonl
"$stance" predict --skip-bad one-bad.jsonl > /dev/null 2> err.txt
check "singular counts" grep -q "1 article labelled, 1 bad record skipped" err.txt
# A corpus whose labels the model does not know: both sides named.
printf '{"text":"a","label":"up"}\n{"text":"b","label":"down"}\n' > other-labels.jsonl
"$stance" eval other-labels.jsonl > /dev/null 2> err.txt
check "eval names both label sets" grep -q "the model's labels: warming, cooling; the corpus's: up, down" err.txt

# CSV (RFC 4180): quoted commas, doubled quotes and line breaks inside a
# field; columns by the header; every column passed through to JSONL.
cat > rows.csv <<'CSV'
id,label,text,date
a1,warming,"Russia and the US agreed, after talks, to ""resume"" flights",2025-06-12
a2,cooling,"New sanctions
over two lines",2025-07-01
CSV
"$stance" predict rows.csv > csv.tsv
check "CSV: ids from the id column" test "$(tail -n +2 csv.tsv | cut -f1 | tr '\n' ' ')" = "a1 a2 "
"$stance" predict --format jsonl rows.csv > csv.jsonl
check "CSV: quotes and line breaks kept" grep -q '"text":"New sanctions\\nover two lines","date":"2025-07-01"' csv.jsonl
check "CSV: doubled quotes read" grep -q 'to \\"resume\\" flights' csv.jsonl
check "CSV: labels read by eval" bash -c "'$stance' eval rows.csv | grep -q 'Overall (2 records)'"
printf 'x,y\n1,2\n' > nohead.csv
"$stance" predict nohead.csv > /dev/null 2> err.txt; rc=$?
check "CSV without a text column refused" test $rc -eq 1
check "CSV without a text column: says so" grep -q 'nohead.csv:1: the first row must name the columns, one of them "text"' err.txt
printf 'id,text\n1,"a"b\n2,fine\n3,"never closed\n' > badquote.csv
"$stance" predict --skip-bad badquote.csv > bq.tsv 2> err.txt
check "CSV: malformed quoting named" grep -q 'badquote.csv:2: malformed quoting' err.txt
check "CSV: unclosed quote named" grep -q 'badquote.csv:4: a quoted field is never closed' err.txt
check "CSV: the good row labelled" test "$(tail -n +2 bq.tsv | cut -f1)" = 2

# Progress: off when standard error is not a terminal, on with --progress,
# ending on the full count.
"$stance" predict "$samples" > /dev/null 2> quiet.txt
check "no progress into a file" bash -c "! grep -q 'articles/s' quiet.txt"
for cmd in "predict" "eval" "trend -o /dev/null" "features -o /dev/null"; do
  "$stance" $cmd --progress "$samples" "$samples" > /dev/null 2> progress.txt
  check "$cmd --progress ends on 24 of 24" bash -c "tr '\r' '\n' < progress.txt | grep -Eq '^24 (articles|records), 0\.0/0\.0 MB'"
done

# Slips on the command line get a hint, not the whole usage or a wrong
# reading ("-model x" used to be "-m odel").
"$stance" predit "$samples" 2> err.txt
check "did you mean: command" grep -q "unknown command 'predit'; did you mean 'predict'?" err.txt
"$stance" predict --tresh 0.5 "$samples" 2> err.txt; rc=$?
check "did you mean: option" grep -q "unknown option '--tresh'; did you mean '--threshold'?" err.txt
check "unknown option is a usage error" test $rc -eq 2
"$stance" predict -model model "$samples" 2> err.txt; rc=$?
check "single-dash long option refused" grep -q "'-model' is read as short options; long options take two dashes: --model" err.txt
check "single-dash long option: status 2" test $rc -eq 2
"$stance" train --cv 2> err.txt
check "missing value named" grep -q "option '--cv' needs a value" err.txt
"$stance" predict -v "$samples" > /dev/null 2> err.txt
check "-v names the model" grep -q "model $STANCE_MODEL: labels warming, cooling; trained on 12 records (fingerprint [0-9a-f]*)" err.txt

# --show-label: the record's own label beside the prediction.
"$stance" predict --show-label "$samples" > shown.tsv
check "--show-label header" grep -q $'^id\tlabel\tpredicted\tp_warming' shown.tsv
check "--show-label value" grep -q $'^sample-01\twarming\t' shown.tsv

# Evaluating on the training data is flagged: the model records its
# training texts (whatever their labels), eval counts them.
"$stance" eval "$samples" > train-eval.txt 2> err.txt
check "eval on training data warns" grep -q "warning: 12 of 12 records were in the model's training data" err.txt
check "the report says so first" grep -q "^WARNING: 12 of 12 records (100%) were in the model's training data" train-eval.txt
printf '{"id":"new","text":"Completely new words about a summit","label":"warming"}\n' > unseen.jsonl
"$stance" eval --format json unseen.jsonl > unseen.json 2> err.txt
check "unseen records: no warning" bash -c "! grep -q 'training data' err.txt"
check "unseen records: in_training 0" grep -q '"in_training": 0' unseen.json

# stance info: the cross-validated scores the training measured, as text
# and as JSON.
"$stance" info "$STANCE_MODEL" > info.txt
check "info: format, CV settings and per-label table" bash -c "grep -q '(format 5)' info.txt && grep -q '^mention gate: none' info.txt &&
  grep -q '^training: liblinear, hinge loss, C=[0-9.]*; scores from 3-fold cross-validation, 1 repeat:' info.txt &&
  grep -Eq '^  warming +[01]\.[0-9]{4} +[01]\.[0-9]{4} +[01]\.[0-9]{4} +6$' info.txt"
"$stance" info --format json "$STANCE_MODEL" > info.json
check "info --format json" /usr/bin/python3 -c '
import json
i = json.load(open("info.json"))
assert i["format"] == 5 and i["labels"] == ["warming", "cooling"], i
assert i["mention_patterns"] == 0, i
cv = i["cross_validation"]
assert cv["folds"] == 3 and cv["overall"]["records"] == 12, cv
assert set(cv["overall"]["labels"]) == {"warming", "cooling"}
assert set(cv["languages"]) == {"en", "de", "ru", "ar", "vi"}
assert i["corpus"]["records"] == 12 and i["corpus"]["texts_recorded"] is True
'

# --explain-words: whole words of the article, strongest push first.
"$stance" predict --format jsonl --explain-words 3 "$samples" > words.jsonl
check "--explain-words names words of the text" /usr/bin/python3 -c '
import json
for line in open("words.jsonl"):
    r = json.loads(line)
    words = [e["word"] for e in r["explain"]]
    text = (r.get("title", "") + " " + r["text"]).lower()
    assert 1 <= len(words) <= 3, r["id"]
    # Words as normalised (case folded; accents stripped by this model):
    # English ones read as in the text; none is a fragment or two words.
    assert all(not any(c in w for c in "<>[] ") for w in words), (r["id"], words)
    if r["lang"] == "en":
        assert all(w in text for w in words), (r["id"], words)
    pushes = [e["weight"] for e in r["explain"]]
    assert pushes == sorted(pushes, reverse=True) and pushes[-1] > 0, pushes
'

# The lead view (--set lead=N): the model keeps its settings, --explain
# tells the lead's n-grams from the whole text's, and output still does not
# depend on threads.
"$stance" train -q --cv 3 --set lead=80 --set lead-weight=0.5 -o lead.model "$samples"
check "lead view: info shows its settings" bash -c "'$stance' info lead.model | grep -q 'accents=strip lead=80 lead-weight=0.5\$'"
"$stance" predict -m lead.model --format jsonl --explain 30 "$samples" > lead.jsonl
check "lead view: explain names the lead's n-grams" grep -q '"ngram":"[^"]* (lead)"' lead.jsonl
"$stance" predict -m lead.model -j 1 "$samples" > lead1.tsv
"$stance" predict -m lead.model -j 2 --batch 2 "$samples" > lead2.tsv
check "lead view: same output for 1 and 2 threads" cmp -s lead1.tsv lead2.tsv
check "lead view: a different model" bash -c "! cmp -s lead1.tsv <(head -13 one.tsv)"

# eval --cv K: every record scored by a model that never saw it.
"$stance" eval --cv 3 "$samples" > cv.txt 2> err.txt
check "eval --cv: says how it scored" grep -q "^Cross-validated: each record scored by a model trained with this model's settings on the other 2 folds." cv.txt
check "eval --cv: all records, one report" grep -q "^Overall (12 records)" cv.txt
check "eval --cv: no training-data warning" bash -c "! grep -q 'training data' err.txt cv.txt"
check "eval --cv: one model per fold" test "$(grep -c 'training for fold' err.txt)" -eq 3
"$stance" eval --cv 1 "$samples" 2> err.txt; rc=$?
check "eval --cv 1 is a usage error" test $rc -eq 2

echo "$passed passed, $failures failed"
test $failures -eq 0
