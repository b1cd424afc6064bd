#!/usr/bin/env bash
# Hostile input: every case must end in a clear message (and a non-zero
# exit where the input is unusable), never a crash, and never a partial
# output file presented as complete.
# Usage: e2e_hostile.sh STANCE SOURCE_DIR WORK_DIR [big]
set -uo pipefail
stance=$1 src=$2 work=$3 big=${4:-}
samples=$src/data/samples/articles.jsonl
model=$src/models/stance.model
failures=0 passed=0
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
# run NAME EXPECTED_RC PATTERN COMMAND...: exit status and stderr pattern;
# a status above 128 (a signal: a crash) always fails.
run() {
  local name=$1 want=$2 pattern=$3; shift 3
  "$@" > out.txt 2> err.txt; local rc=$?
  if [ $rc -gt 128 ]; then echo "FAIL: $name crashed (status $rc)"; failures=$((failures + 1)); return; fi
  if [ "$want" = nonzero ]; then check "$name: fails" test $rc -ne 0
  else check "$name: status $want" test $rc -eq "$want"; fi
  [ -n "$pattern" ] && check "$name: says '$pattern'" grep -q -- "$pattern" err.txt
}

if [ "$big" = big ]; then
  # A 200 MB single-line document, with no word boundary at all.
  head -c 200000000 /dev/zero | tr '\0' 'a' > big.txt
  run "200 MB one-line document" 0 "" "$stance" predict -m "$model" big.txt
  check "200 MB document labelled" test "$(tail -n +2 out.txt | cut -f1)" = big.txt
  printf '{"id":"big","label":"warming","text":"' > big.jsonl
  head -c 50000000 /dev/zero | tr '\0' 'b' >> big.jsonl
  printf '"}\n' >> big.jsonl
  run "50 MB JSON string" 0 "" "$stance" predict -m "$model" big.jsonl
  check "50 MB JSON string labelled" grep -q "^big" out.txt
  # A line longer than the memory allowed (ulimit -v: not under ASan, whose
  # shadow memory needs terabytes of address space) stops the run with its
  # line number, instead of passing for the end of the input.
  long_line() { { head -c 1500000000 /dev/zero | tr '\0' a; printf '\nsecond record\n'; }; }
  for fmt in lines jsonl; do
    run "line too long for memory ($fmt)" 1 "-:1: line too long for the memory available" \
      bash -c "ulimit -v 1200000; $(declare -f long_line); long_line | '$stance' predict -m '$model' -i $fmt -"
  done
  run "/dev/zero as input" 1 "/dev/zero:1: line too long for the memory available" \
    bash -c "ulimit -v 1200000; '$stance' predict -m '$model' /dev/zero"
  echo "$passed passed, $failures failed"
  test $failures -eq 0
  exit
fi

# A file of NUL bytes: a text article with nothing in it but boundaries.
head -c 100000 /dev/zero > nuls.txt
run "file of NUL bytes" 0 "" "$stance" predict -m "$model" -i text nuls.txt
check "NUL file labelled" test "$(tail -n +2 out.txt | cut -f1)" = nuls.txt
# ... and as a line corpus (no record has any text).
run "NUL bytes as JSONL" nonzero "nuls.txt:1: bad JSON" \
  "$stance" predict -m "$model" -i jsonl -o nul-out.tsv nuls.txt
check "no partial output after NUL JSONL" test ! -e nul-out.tsv

# Deeply nested and huge JSON values.
{ printf '{"text":"a","x":'; printf '[%.0s' $(seq 1 5000); printf ']%.0s' $(seq 1 5000); printf '}\n'; } > deep.jsonl
run "deeply nested JSON" nonzero "deep.jsonl:1: bad JSON" "$stance" predict -m "$model" deep.jsonl
# Numbers beyond what jansson holds, in fields nobody reads (and one in a
# string, which must stay as it is): the records are labelled, the numbers
# passed through as strings of their digits.
printf '{"id":"a","text":"a","n":1e999999}\n{"id":"b","text":"b","n":123456789012345678901234567890,"m":-18446744073709551615,"s":"1e999 \\" 1e999","ok":9223372036854775807}\n' > huge.jsonl
run "huge JSON numbers" 0 "" "$stance" predict -m "$model" huge.jsonl
check "huge numbers: both records labelled" test "$(tail -n +2 out.txt | cut -f1 | tr '\n' ' ')" = "a b "
"$stance" predict -m "$model" --format jsonl huge.jsonl > huge-out.jsonl
check "huge numbers kept as their digits" grep -q '"n":"123456789012345678901234567890","m":"-18446744073709551615","s":"1e999 \\" 1e999","ok":9223372036854775807' huge-out.jsonl

# The help fills its defaults in from the code that sets them.
"$stance" train --help > help.txt
check "train --help shows the C grid" grep -q "grid over C (default: 0.1,0.3,1,3,10,30,100)" help.txt
check "train --help shows the space's size" grep -q "dimensions of the space (default: 600)" help.txt
check "train --help shows the seed" grep -q "fold seed (default: 1);" help.txt
check "train --help has no unfilled format" test "$(grep -c '%' help.txt)" -eq 0

# Invalid UTF-8 in every field: warned about, still labelled.
printf '{"id":"id\xff","lang":"e\xfen","title":"T\xc0\xafitle","text":"talks \xed\xa0\x80 agreed","label":"warm\x80ing"}\n' > badutf8.jsonl
run "invalid UTF-8 in every field" 0 "badutf8.jsonl:1: warning: 8 invalid UTF-8 bytes replaced by U+FFFD" "$stance" predict -m "$model" badutf8.jsonl
check "invalid UTF-8 record labelled" test "$(wc -l < out.txt)" -eq 2
printf 'talks \xff agreed' > badutf8.txt
run "invalid UTF-8 in a text file" 0 "badutf8.txt: warning: 1 invalid UTF-8 byte replaced by U+FFFD" \
  "$stance" predict -m "$model" badutf8.txt
run "quiet predict does not warn" 0 "" "$stance" predict -q -m "$model" badutf8.txt
check "quiet predict is quiet" test ! -s err.txt
printf '{"id":"a","text":"x \xff","label":"warming"}\n{"id":"b","text":"y","label":"cooling"}\n{"id":"c","text":"z","label":"warming"}\n{"id":"d","text":"w","label":"cooling"}\n' > train-bad.jsonl
run "training warns about invalid UTF-8" 0 "train-bad.jsonl:1: warning: 1 invalid UTF-8 byte replaced" \
  "$stance" train --cv 2 -o m.model train-bad.jsonl

# A corpus with one class.
printf '{"text":"a","label":"cooling"}\n{"text":"b","label":"cooling"}\n' > one.jsonl
run "one-class corpus" nonzero "one class only ('cooling')" "$stance" train -o one.model one.jsonl
check "no model from a one-class corpus" test ! -e one.model

# --background naming a label that cannot be one.
run "background also in --labels" nonzero "--background: 'warming' is also in --labels" \
  "$stance" train -q --labels warming,cooling --background warming -o bg.model "$samples"
run "background absent" nonzero "--background: label 'neutral' occurs in no record" \
  "$stance" train -q --labels warming,cooling --background neutral -o bg.model "$samples"
check "no model from a bad background" test ! -e bg.model

# A mention list that does not parse, or a model that could not answer
# neutral: refused before training, naming the file and line.
printf '# names\nputin*\n^\xc3\x9cS\n' > bad-mentions.txt
run "bad mention list" nonzero "bad-mentions.txt:3: a ^ pattern takes ASCII letters and dots only" \
  "$stance" train -q --mentions bad-mentions.txt -o gated.model "$samples"
run "missing mention list" nonzero "no-such-list.txt: cannot open mention list" \
  "$stance" train -q --mentions no-such-list.txt -o gated.model "$samples"
printf 'putin*\n' > mentions.txt
run "mention list without neutral" nonzero "the model must predict a neutral label" \
  "$stance" train -q --mentions mentions.txt -o gated.model "$samples"
check "no model from a bad mention list" test ! -e gated.model

# What --parallel learns, asked for wrongly.
mkdir -p par-en par-noen
printf 'peace talks\nnew talks\n' > par-en/eng.txt
printf 'mir peregovory\nnovye peregovory\n' > par-en/rus.txt
cp par-en/rus.txt par-noen/rus.txt
run "--transfer without --parallel" nonzero "give --parallel" \
  "$stance" train -q --transfer lexicon -o tr.model "$samples"
run "--parallel-idf without --parallel" nonzero "give --parallel" \
  "$stance" train -q --parallel-idf -o tr.model "$samples"
run "--space-drop-languages without --parallel" nonzero "give --parallel" \
  "$stance" train -q --space-drop-languages -o tr.model "$samples"
run "unknown --transfer" nonzero "--transfer: expected space, lexicon or both, got 'lsi'" \
  "$stance" train -q --parallel par-en --transfer lsi -o tr.model "$samples"
run "--lexicon-weight for the space" nonzero "--lexicon-weight needs --transfer lexicon or both" \
  "$stance" train -q --parallel par-en --lexicon-weight 3 -o tr.model "$samples"
run "--space-power for the lexicon" nonzero "--space-drop-languages need --transfer space or both" \
  "$stance" train -q --parallel par-en --transfer lexicon --space-power 1 -o tr.model "$samples"
run "lexicon without word n-grams" nonzero "--parallel: par-en: a lexicon maps words onto words" \
  "$stance" train -q --parallel par-en --transfer lexicon --set word=0 -o tr.model "$samples"
run "unknown --space-method" nonzero "--space-method: expected lsi, joint or english, got 'cca'" \
  "$stance" train -q --parallel par-en --space-method cca -o tr.model "$samples"
run "--space-ridge for LSI" nonzero "--space-ridge shapes an aligned space" \
  "$stance" train -q --parallel par-en --space-ridge 2 -o tr.model "$samples"
run "English space without English" nonzero "--parallel: par-noen: no English file" \
  "$stance" train -q --parallel par-noen --space-method english --space-dims 1 -o tr.model "$samples"
run "lexicon without English" nonzero "--parallel: par-noen: no English file" \
  "$stance" train -q --parallel par-noen --transfer lexicon -o tr.model "$samples"
check "no model from a bad --transfer" test ! -e tr.model
# ... and rightly: both methods over a tiny parallel set, folded into a
# model that loads and labels like any other.
run "--transfer both" 0 "" "$stance" train --parallel par-en --transfer both \
  --space-dims 1 --space-power 0.5 --lexicon-weight 2 --cv 2 -o tr.model "$samples"
check "--transfer both: the space in the summary" \
  grep -q "^cross-lingual space (LSI): 1 dimensions .* power 0.5," out.txt
check "--transfer both: the lexicon in the summary" \
  grep -q "^cross-lingual lexicon: .* onto eng words (.*), weight 2$" out.txt
run "--transfer both: the model labels" 0 "" "$stance" predict -m tr.model "$samples"
check "--transfer both: every sample labelled" \
  test "$(tail -n +2 out.txt | wc -l)" -eq "$(wc -l < "$samples")"

# Model files: truncated inside the header at every offset, a flipped
# body byte, a future version.
size=$(stat -c %s "$model")
for cut in $(seq 0 40) $((size / 2)) $((size - 1)); do
  head -c "$cut" "$model" > cut.model
  "$stance" predict -m cut.model "$samples" > /dev/null 2> err.txt; rc=$?
  if [ $rc -eq 0 ] || [ $rc -gt 128 ] || ! grep -q "cut.model" err.txt; then
    echo "FAIL: model cut at $cut (status $rc)"; failures=$((failures + 1))
  else passed=$((passed + 1)); fi
done
cp "$model" flip.model
printf '\x5a' | dd of=flip.model bs=1 seek=$((size / 2)) conv=notrunc 2> /dev/null
cmp -s flip.model "$model" || run "flipped byte" nonzero "flip.model: model is corrupt (checksum mismatch)" \
  "$stance" predict -m flip.model "$samples"
cp "$model" future.model
printf '\x06' | dd of=future.model bs=1 seek=8 conv=notrunc 2> /dev/null
run "future format version" nonzero "model format version 6 is newer than this stance understands (5)" \
  "$stance" predict -m future.model "$samples"
# A flipped high bit in the version is damage, not a release from the future.
printf '\x82' | dd of=future.model bs=1 seek=8 conv=notrunc 2> /dev/null
run "version no stance wrote" 1 "future.model: model is corrupt: format version 130 is not one stance has written" \
  "$stance" predict -m future.model "$samples"
cp "$model" trailing.model && echo extra >> trailing.model
run "model with trailing data" 1 "trailing.model: model has trailing data" "$stance" info trailing.model
# Not a model at all, endless: refused from its first bytes (timeout: it
# used to read on until memory ran out).
run "/dev/zero as a model" 1 "/dev/zero: not a stance model file" \
  timeout 10 "$stance" predict -m /dev/zero "$samples"

# Output into a directory that does not exist: nothing written, clear message.
run "predict output in missing dir" nonzero "no/such/dir/out.tsv: cannot create: No such file" \
  "$stance" predict -m "$model" -o no/such/dir/out.tsv "$samples"
run "train output in missing dir" nonzero "no/such/dir/m.model: cannot create" \
  "$stance" train -q --cv 3 -o no/such/dir/m.model "$samples"
run "eval html in missing dir" nonzero "no/such/dir/r.html: cannot create" \
  "$stance" eval -m "$model" --html no/such/dir/r.html "$samples"

# Directory trees: symbolic links are followed (to files, to directories,
# and as the input itself); a dangling link and a directory that cannot be
# read are bad records, named, fatal without --skip-bad.
mkdir -p tree/warming other && echo "Russia and the US resume talks" > tree/warming/a.txt
echo "New sanctions on Moscow" > other/b.txt
ln -s ../other tree/cooling && ln -s ../../other/b.txt tree/warming/b-link.txt && ln -s tree tree-link
run "symlinked input directory" 0 "" "$stance" predict -m "$model" tree-link
check "symlinks followed: three articles" test "$(tail -n +2 out.txt | cut -f1 | tr '\n' ' ')" = \
  "tree-link/cooling/b.txt tree-link/warming/a.txt tree-link/warming/b-link.txt "
ln -s nowhere tree/warming/dangling.txt
run "dangling symlink" 1 "tree/warming/dangling.txt: cannot open: No such file" \
  "$stance" predict -m "$model" tree
run "dangling symlink skipped" 0 "skipped: tree/warming/dangling.txt" \
  "$stance" predict --skip-bad -m "$model" tree
# Permissions do not bind root: the unreadable case runs as nobody, from a
# directory nobody can enter.
if [ "$(id -u)" -ne 0 ] || command -v setpriv > /dev/null; then
  as_user() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
  priv=$(mktemp -d) && chmod 1777 "$priv"  # nobody writes the outputs there
  cp "$stance" "$model" "$priv"/ && mkdir -p "$priv/d/warming" "$priv/d/cooling"
  echo "Russia and the US resume talks" > "$priv/d/warming/a.txt"
  echo "New sanctions on Moscow" > "$priv/d/cooling/b.txt"
  chmod -R a+rX "$priv/d" "$priv/stance" "$priv/stance.model" && chmod 000 "$priv/d/cooling"
  for cmd in "predict -m $priv/stance.model" "eval -m $priv/stance.model" \
             "train --cv 2 -o $priv/x.model" "features -o $priv/x.svm"; do
    run "unreadable subdirectory: ${cmd%% *}" 1 "d/cooling: cannot read directory: Permission denied" \
      as_user "$priv/stance" $cmd "$priv/d"
  done
  run "unreadable subdirectory skipped" 0 "skipped: .*d/cooling: cannot read directory" \
    as_user "$priv/stance" predict --skip-bad -m "$priv/stance.model" "$priv/d"
  check "the readable article still labelled" test "$(tail -n +2 out.txt | wc -l)" -eq 1
  chmod 755 "$priv/d/cooling" && rm -rf "$priv"
fi

# A UTF-8 byte-order mark before the first line is not content: the first
# TSV label, the first fastText label and the first JSON record stay intact.
printf '\xef\xbb\xbfcooling\tRussia sanctions\nwarming\tRussia talks agree\ncooling\tsanctions expel\nwarming\tsummit deal\n' > bom.tsv
printf '\xef\xbb\xbf__label__cooling Russia sanctions\n__label__warming talks\n__label__cooling expel\n__label__warming summit\n' > bom.ft
printf '\xef\xbb\xbf{"id":"a","text":"x","label":"cooling"}\n{"id":"b","text":"y","label":"warming"}\n{"id":"c","text":"x","label":"cooling"}\n{"id":"d","text":"y","label":"warming"}\n' > bom.jsonl
for f in bom.tsv bom.ft bom.jsonl; do
  "$stance" train --cv 2 -o bom.model "$f" > bom.txt 2>&1
  check "byte-order mark ignored in $f" grep -q "^corpus: 4 records (cooling 2, warming 2)" bom.txt
done

# TSV with more than two columns: without a header naming them the line is
# refused (it used to take the id for the label); with one, columns are read
# by name, unknown ones ignored, and a short row is named.
printf 'a1\twarming\tRussia and the US resume talks\na2\tcooling\tnew sanctions\n' > three.tsv
run "three-column TSV without a header" 1 "three.tsv:1: more than two fields: without a header line" \
  "$stance" predict -m "$model" three.tsv
printf 'id\tdate\tlabel\ttext\na1\t2025\twarming\tRussia and the US resume talks\na2\t2024\tcooling\tnew sanctions\n' > header.tsv
run "TSV with a header" 1 "label .warming. has 1 record" "$stance" train -q --cv 2 -o header.model header.tsv
"$stance" predict -m "$model" header.tsv > header-out.tsv
check "TSV header: ids and texts by column" test "$(tail -n +2 header-out.tsv | cut -f1 | tr '\n' ' ')" = "a1 a2 "
check "TSV header: labels by column" bash -c "'$stance' eval -m '$model' header.tsv | grep -q 'Overall (2 records)'"
printf 'id\tlabel\ttext\na1\twarming\n' > short.tsv
run "TSV row shorter than its header" 1 "short.tsv:2: fewer fields, but the header names 3 columns" \
  "$stance" predict -m "$model" short.tsv

# A label with a tab would break every TSV header and row: refused, named.
printf '{"id":"a","text":"x y","label":"warm\\ting"}\n{"id":"b","text":"y z","label":"cooling"}\n' > tab-label.jsonl
run "label with a tab" nonzero "tab-label.jsonl:1: label 'warm.ing' contains a tab" \
  "$stance" train -q --cv 2 -o tab.model tab-label.jsonl

# train -o - writes the model to standard output and its summary to standard
# error, so that a redirect holds a loadable model.
"$stance" train --cv 3 -o - "$samples" > stdout.model 2> summary.txt
check "train -o -: the model loads" bash -c "'$stance' info stdout.model > /dev/null"
check "train -o -: the summary went to stderr" grep -q "^corpus: 12 records" summary.txt

# A corpus whose training would not fit in the memory allowed is refused
# before training starts, with the estimate, and leaves no model.
run "training over --max-memory" nonzero "would need about [0-9]* MB beyond the loaded corpus, more than the 1 MB allowed by --max-memory" \
  "$stance" train -q --cv 3 --max-memory 1 -o mem.model "$samples"
check "no model left by a refused training" test ! -e mem.model
run "training within --max-memory" 0 "" "$stance" train -q --cv 3 --max-memory 4000 -o mem.model "$samples"
check "no stray temporary files" test -z "$(find . -name '*.tmp.*')"

# A .txt file is one article whatever its first line looks like, and a
# text article read through a pipe is read whole (it used to fail: "cannot
# rewind").
echo '{Reuters} Russia and the US agreed to talk.' > braces.txt
run ".txt starting with a brace" 0 "" "$stance" predict -m "$model" braces.txt
check ".txt starting with a brace: one article" test "$(tail -n +2 out.txt | cut -f1)" = braces.txt
printf '__label__x is not a label here\n' > label.txt
run ".txt starting with __label__" 0 "" "$stance" predict -m "$model" label.txt
check ".txt starting with __label__: one article" test "$(tail -n +2 out.txt | wc -l)" -eq 1
printf 'first line of an article\nsecond line, about sanctions\n' > article
"$stance" features -i text article > from-file.svm 2> /dev/null
run "text article through a pipe" 0 "" bash -c "cat article | '$stance' features -i text /dev/stdin"
check "text article through a pipe: same vector as from the file" cmp -s out.txt from-file.svm
# A named file whose format neither its name nor its first line tells is
# refused (a CSV export under another name used to pass for one article).
printf 'id,label,text\n1,warming,talks\n' > export.data
run "file of unknown format" 1 "export.data: cannot tell its format" "$stance" predict -m "$model" export.data
run "file of unknown format, with -i" 0 "" "$stance" predict -m "$model" -i csv export.data
# One rule for empty articles: a bad record, named, skipped with --skip-bad.
mkdir -p empties && : > empties/b.txt && echo "Summit talks" > empties/a.txt && : > empty.txt
run "empty .txt file" 1 "empty.txt: empty text" "$stance" predict -m "$model" empty.txt
run "empty file in a directory" 1 "empties/b.txt: empty text" "$stance" predict -m "$model" empties
run "empty file in a directory skipped" 0 "skipped: empties/b.txt: empty text" \
  "$stance" predict --skip-bad -m "$model" empties
# Bad option values are usage errors (status 2) whichever option they are.
run "bad --class-weight value" 2 "--class-weight: expected a number" \
  "$stance" train --class-weight warming=abc -o cw.model "$samples"
run "bad --class-weight form" 2 "--class-weight: expected LABEL=WEIGHT" \
  "$stance" train --class-weight warming -o cw.model "$samples"
run "bad --set char= range" 2 "char: lengths run from 1 to 8" \
  "$stance" train --set char=5-2 -o cw.model "$samples"
run "bad --set lead= length" 2 "lead: expected a whole number from 0 to 100000, got '-5'" \
  "$stance" train --set lead=-5 -o cw.model "$samples"
run "bad --set lead-weight=" 2 "lead-weight: expected a number above 0 and at most 10, got 'inf'" \
  "$stance" train --set lead-weight=inf -o cw.model "$samples"

# features with --labels that no record has: an error, not 0 vectors.
run "features with labels no record has" 1 "none of the 12 records has a label given by --labels" \
  "$stance" features --labels foo,bar -o none.svm "$samples"
check "features with labels no record has: no output" test ! -e none.svm

# Interrupted runs leave no temporary files and die of the signal.  Each
# command reads from a FIFO held open, so it is caught mid-run with its
# output's temporary file open (a background job ignores SIGINT unless
# env --default-signal restores it).
interrupt() {  # interrupt SIGNAL OUTPUT COMMAND...
  local sig=$1 output=$2; shift 2
  rm -f fifo && mkfifo fifo
  env --default-signal=INT "$@" fifo > /dev/null 2>&1 & local pid=$!
  exec 3<> fifo  # read-write: never blocks, even if the command is gone
  head -n 4 "$samples" >&3
  for _ in $(seq 100); do ls "$output".tmp.* > /dev/null 2>&1 && break; sleep 0.1; done
  local seen; seen=$(ls "$output".tmp.* 2> /dev/null | wc -l)
  kill -"$sig" $pid; wait $pid; local rc=$?
  exec 3>&-
  check "$* interrupted by SIG$sig: its temporary file existed" test "$seen" -eq 1
  check "$* interrupted by SIG$sig: status 128+n" test $rc -eq $((128 + $(kill -l "$sig")))
  check "$* interrupted by SIG$sig: no temporary file left" test -z "$(ls "$output"* 2> /dev/null)"
}
if command -v mkfifo > /dev/null && env --default-signal=INT true 2> /dev/null; then
  interrupt INT sig-out.tsv "$stance" predict -m "$model" -i jsonl -o sig-out.tsv
  interrupt TERM sig-out.svm "$stance" features -i jsonl -o sig-out.svm
  interrupt HUP sig-out.model "$stance" train -q --cv 2 -i jsonl -o sig-out.model
  interrupt TERM sig-out.txt "$stance" eval -m "$model" -i jsonl -o sig-out.txt
  interrupt INT sig-out.trend "$stance" trend -m "$model" -i jsonl -o sig-out.trend
fi

# Outputs are opened before the work: a bad second output fails at once and
# leaves no first one; lost standard output is a failure, not success.
run "eval with a bad --html path" 1 "no/such/dir/r.html: cannot create" \
  "$stance" eval -m "$model" -o report-a.txt --html no/such/dir/r.html "$samples"
check "eval with a bad --html path wrote no report" test ! -e report-a.txt
run "train checks -o before training" 1 "no/such/dir/m.model: cannot create" \
  timeout 20 "$stance" train -q -o no/such/dir/m.model "$src/../shared/corpus/train.jsonl"
if [ -c /dev/full ]; then
  run "--help to a full disk" 1 "standard output: write error: No space left" \
    bash -c "'$stance' predict --help > /dev/full"
  run "train summary to a full disk" 1 "standard output: write error: No space left" \
    bash -c "'$stance' train --cv 3 -o ok.model '$samples' > /dev/full"
  run "predict to a full disk mid-stream" 1 "standard output: write error: No space left" \
    bash -c "'$stance' predict -m '$model' --batch 2 '$samples' > /dev/full"
fi

# A full disk.
if [ -c /dev/full ]; then
  run "train to a full disk" nonzero "write error: No space left on device" \
    "$stance" train -q --cv 3 -o /dev/full "$samples"
  run "features to a full disk" nonzero "write error: No space left on device" \
    "$stance" features -o /dev/full "$samples"
  run "eval to a full disk" nonzero "No space left on device" \
    "$stance" eval -m "$model" -o /dev/full "$samples"
fi

echo "$passed passed, $failures failed"
test $failures -eq 0
