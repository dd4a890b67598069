#!/usr/bin/env bash
# Installs what building, serving and testing the workbench needs, and
# nothing that is already there: a second run installs nothing.
#
# It writes .tools/env.sh, which every make target sources, so that the
# toolchain chosen here (rustup's wasm target, or Debian's Rust as the
# fallback when rustup cannot download it) is used for every cargo call.
#
#   scripts/setup.sh          build tools only (make serve)
#   scripts/setup.sh --test   also Chromium and chromedriver, Firefox ESR and
#                             geckodriver (make test)
set -euo pipefail
cd "$(dirname "$0")/.."

WANT_BROWSER=0
[ "${1:-}" = "--test" ] && WANT_BROWSER=1

TOOLS="$PWD/.tools"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/plan-workbench"
mkdir -p "$TOOLS" "$CACHE"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null; then
    say "please install with your package manager: $*"
    exit 1
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# 1. A Rust toolchain that can build for wasm32-unknown-unknown.
ENV_LINES=()
wasm_target_ready() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}
system_toolchain_ready() {
  rustup toolchain list 2>/dev/null | grep -q '^system' &&
    [ -d /usr/lib/rustlib/src/rust/library ] && command -v rust-lld >/dev/null
}
if [ "${FORCE_DEBIAN_RUST:-0}" != 1 ] && wasm_target_ready; then
  say "wasm target: rustup"
elif system_toolchain_ready; then
  say "wasm target: Debian's Rust (already set up)"
  ENV_LINES+=("export RUSTUP_TOOLCHAIN=system")
elif [ "${FORCE_DEBIAN_RUST:-0}" != 1 ] && timeout 120 rustup target add wasm32-unknown-unknown; then
  say "wasm target: rustup (installed)"
else
  # rustup's download host cannot be reached on some machines, where the
  # command hangs rather than failing; Debian ships a Rust with std sources.
  say "wasm target: falling back to Debian's Rust with build-std"
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  apt_install -t "$codename-security" rustc-web cargo-web rust-web-src lld-22
  rustup toolchain link system /usr
  ENV_LINES+=("export RUSTUP_TOOLCHAIN=system")
fi
if printf '%s\n' "${ENV_LINES[@]}" | grep -q RUSTUP_TOOLCHAIN=system; then
  # The std for wasm is built from source; this only applies to --target builds.
  ENV_LINES+=("export RUSTC_BOOTSTRAP=1" "export CARGO_UNSTABLE_BUILD_STD=std,panic_abort")
fi
printf '%s\n' "# written by scripts/setup.sh" "${ENV_LINES[@]}" \
  "export PATH=\"\$HOME/.cargo/bin:$CACHE/binaryen/node_modules/.bin:\$PATH\"" \
  "export CHROMEDRIVER=/usr/bin/chromedriver" \
  "export FIREFOX_PATH=/usr/bin/firefox-esr" \
  "export GECKODRIVER_PATH=$CACHE/geckodriver/bin/geckodriver" \
  "export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner" \
  "export AXE_CORE_JS=$CACHE/axe-core/node_modules/axe-core/axe.min.js" \
  "export WORKBOX_BUILD=$CACHE/workbox/node_modules/workbox-build" \
  >"$TOOLS/env.sh"
# shellcheck disable=SC1091
. "$TOOLS/env.sh"

# 2. Cargo.lock pins wasm-bindgen; the CLI must be the exact same version.
if [ ! -f Cargo.lock ]; then cargo generate-lockfile; fi
# trunk builds with --offline (Trunk.toml), so every crate is fetched here,
# and with build-std also the crates the standard library depends on.
cargo fetch -q
if [ -n "${CARGO_UNSTABLE_BUILD_STD:-}" ]; then
  cargo fetch -q --locked --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  # Not --locked: its lock file names a crate version the registry may not
  # have yet; the CLI itself is pinned exactly.
  cargo install -q wasm-bindgen-cli --version "=$WB_VERSION" --force
fi

# 3. trunk 0.21 (0.22 needs a newer rustc than some machines have).
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21 (several minutes, once)"
  cargo install -q trunk --version "~0.21" --locked --force
fi

# 4. wasm-opt from npm's binaryen: Debian's binaryen is too old for today's wasm.
if ! "$CACHE/binaryen/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q 'version 132'; then
  say "installing wasm-opt (binaryen 132 from npm)"
  mkdir -p "$CACHE/binaryen"
  npm install --silent --prefix "$CACHE/binaryen" binaryen@132 >/dev/null
fi

# 4b. Workbox (npm's workbox-build), which trunk's post-build hook runs to
# write the service worker that makes the site work offline.
WORKBOX_VERSION=7.4.1
if ! grep -qs "\"version\": \"$WORKBOX_VERSION\"" "$WORKBOX_BUILD/package.json"; then
  say "installing workbox-build $WORKBOX_VERSION from npm"
  mkdir -p "$CACHE/workbox"
  npm install --silent --no-audit --no-fund --prefix "$CACHE/workbox" "workbox-build@$WORKBOX_VERSION" >/dev/null
fi

# 5. Chromium and chromedriver for the browser tests, and axe-core, which
# the end-to-end suite injects into every screen to check its accessibility.
if [ "$WANT_BROWSER" = 1 ]; then
  AXE_VERSION=4.10.3
  if ! grep -qs "\"version\": \"$AXE_VERSION\"" "$CACHE/axe-core/node_modules/axe-core/package.json" ||
    [ ! -f "$AXE_CORE_JS" ]; then
    say "installing axe-core $AXE_VERSION from npm"
    mkdir -p "$CACHE/axe-core"
    npm install --silent --prefix "$CACHE/axe-core" "axe-core@$AXE_VERSION" >/dev/null
  fi
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Chromium and chromedriver"
    apt_install chromium chromium-driver
  fi
  # poppler-utils' pdftotext and pdfinfo read back what the print tests
  # print to PDF (tests/e2e/print.rs).
  if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
    say "installing poppler-utils (pdftotext, pdfinfo)"
    apt_install poppler-utils
  fi
  # Firefox for the single file's test in a second browser engine. Debian
  # packages Firefox ESR but not geckodriver; crates.io has geckodriver's
  # source (about 6 minutes to build on 2 cores, once). It is kept off PATH
  # and out of $GECKODRIVER: wasm-bindgen-test-runner would prefer it to
  # chromedriver for the browser tests of the storage layer.
  if [ ! -x "$FIREFOX_PATH" ]; then
    say "installing Firefox ESR"
    apt_install firefox-esr
  fi
  GECKODRIVER_VERSION=0.37.1
  if [ "$("$GECKODRIVER_PATH" --version 2>/dev/null | awk 'NR == 1 {print $2}')" != "$GECKODRIVER_VERSION" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION (several minutes, once)"
    cargo install -q --locked --root "$CACHE/geckodriver" geckodriver --version "=$GECKODRIVER_VERSION" --force
  fi
fi
say "ready"
