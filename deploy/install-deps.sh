#!/usr/bin/env bash
# Installs the Debian packages Sopan needs, only when some are missing.
#   install-deps.sh          what building and running the server needs
#   install-deps.sh --test   also what the tests need (Chromium, wrk, Node for the web app, and
#                            clang with its libFuzzer/sanitizer runtimes for tests/fuzz)
# Idempotent and quiet when nothing is missing; runs `apt-get update` only before an install.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev librocksdb-dev libgit2-dev libvalijson-dev libsodium-dev libxml2-dev libxlsxwriter-dev libzip-dev libqrencode-dev
  libgtest-dev libgmock-dev
  nodejs npm
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium wrk poppler-utils zbar-tools clang libclang-rt-14-dev eatmydata)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    # Node from another source (e.g. a preinstalled /usr/bin/node) satisfies nodejs/npm.
    if [[ "$p" == nodejs && -x "$(command -v node)" ]] || [[ "$p" == npm && -x "$(command -v npm)" ]]; then
      continue
    fi
    missing+=("$p")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
