#!/usr/bin/env bash
# The install: `cmake --install` into a temporary prefix puts the program,
# the library (shared and static), stance.h, the pkg-config and CMake
# package files, the models and the manual page; the example program builds
# against it with pkg-config (shared) and with find_package (static), and
# labels as the installed program does; the installed program finds its
# model without -m, also after the prefix is moved.
# Usage: e2e_install.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -uo pipefail
build=$1 src=$2 work=$3
failures=0 passed=0
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
unset STANCE_MODEL

check() {  # check NAME COMMAND...: the command must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}

cmake --install "$build" --prefix "$work/prefix" > install.log 2>&1
check "cmake --install succeeds" test $? -eq 0
p=$work/prefix
libdir=$(dirname "$(find "$p" -name libstance.a | head -1)")
for f in bin/stance include/stance.h share/stance/stance.model \
         share/stance/direction.model share/stance/model-card.md \
         share/man/man1/stance.1; do
  check "installs $f" test -s "$p/$f"
done
check "installs the static library" test -s "$libdir/libstance.a"
check "installs the shared library" test -s "$libdir/libstance.so"
check "installs stance.pc" test -s "$libdir/pkgconfig/stance.pc"
check "installs the CMake package" test -s "$libdir/cmake/stance/stanceConfig.cmake"
check "the shared library exports the API only" \
  test -z "$(nm -D --defined-only "$libdir/libstance.so" | awk '{print $3}' |
             grep -v -E '^(stance_[a-z0-9_]+|rand|srand)$')"
check "the manual page renders" sh -c "groff -man -Tutf8 -ww '$p/share/man/man1/stance.1' 2> man.err | grep -qE 'stance +- +label +news' && ! test -s man.err"
check "the example is at most 40 lines" test "$(wc -l < "$src/examples/label.c")" -le 40

texts=("US sanctions Russian banks and expels two diplomats"
       "Lavrov and Rubio agree to restore embassies and resume direct flights"
       "Heavy rain is expected in the north of the country on Sunday")
printf '%s\n' "${texts[@]}" > texts.txt

# The installed program finds the installed model, from anywhere.
(cd / && "$p/bin/stance" predict -v -i lines "$work/texts.txt") > cli.tsv 2> cli.err
check "the installed program runs without -m" test $? -eq 0
check "... with the installed model" grep -q "model $p/bin/../share/stance/stance.model" cli.err

export PKG_CONFIG_PATH=$libdir/pkgconfig
cc -Wall -Wextra -Werror "$src/examples/label.c" $(pkg-config --cflags --libs stance) \
   -o label-shared 2> cc.err
check "the example builds with pkg-config" test $? -eq 0
LD_LIBRARY_PATH=$libdir ./label-shared "${texts[@]}" > api.tsv 2> api.err
check "the example runs" test $? -eq 0
check "the example prints a label per text" test "$(wc -l < api.tsv)" -eq 3
check "the example labels as the program does" \
  test "$(cut -f1 api.tsv | tr '\n' ' ')" = "$(tail -n +2 cli.tsv | cut -f2 | tr '\n' ' ')"
check "the weather is neutral" test "$(sed -n 3p api.tsv | cut -f1)" = neutral

mkdir -p cmake-example
cat > cmake-example/CMakeLists.txt <<CMAKE
cmake_minimum_required(VERSION 3.18)
project(label_example C)
find_package(stance REQUIRED)
add_executable(label-static $src/examples/label.c)
target_link_libraries(label-static PRIVATE stance::stance_static)
CMAKE
cmake -S cmake-example -B cmake-build -DCMAKE_PREFIX_PATH="$p" > cmake.log 2>&1 &&
  cmake --build cmake-build > cmake-build.log 2>&1
check "the example builds with find_package, statically" test $? -eq 0
./cmake-build/label-static "${texts[@]}" > static.tsv 2>&1
check "the static example labels as the shared one" cmp -s api.tsv static.tsv

# Relocated: the model is found beside the library and the program.
mv "$p" "$work/moved"
(cd / && "$work/moved/bin/stance" predict -i lines "$work/texts.txt") > moved.tsv 2>&1
check "a moved install still finds its model" cmp -s cli.tsv moved.tsv
LD_LIBRARY_PATH=${libdir/prefix/moved} ./label-shared "${texts[@]}" > moved-api.tsv 2>&1
check "... and so does the library" cmp -s api.tsv moved-api.tsv

echo "e2e_install: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
