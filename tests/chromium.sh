# Sourced by the tests that look at HTML in headless Chromium.
#   chromium_or_skip          exits 77 (CTest's "skipped") without a browser
#   render PAGE WIDTH HEIGHT  writes PAGE's rendered DOM to dom.html and a
#                             screenshot to PAGE's name with .png
# The page is opened from the current directory; the browser keeps its
# profile there and may fetch nothing (the pages must be self-contained).
chromium_or_skip() {
  browser=$(command -v chromium || command -v chromium-browser || true)
  if [ -z "$browser" ]; then
    echo "chromium not installed (apt-get install chromium): skipped"
    exit 77
  fi
}

render() {
  local page=$1 width=$2 height=$3
  local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
               --disable-background-networking --disable-component-update --disable-sync
               --user-data-dir="$PWD/profile")
  timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$PWD/$page" > dom.html 2> chromium.log
  timeout 120 "$browser" "${flags[@]}" --window-size="$width,$height" \
    --screenshot="$PWD/${page%.html}.png" "file://$PWD/$page" > /dev/null 2>> chromium.log
}

failures=0 passed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
