#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only when something is missing.
# Usage: scripts/install-dependencies.sh [--build-only]   (--build-only: what building needs, not the tests)
set -euo pipefail
build_only=false
[[ ${1:-} == --build-only ]] && build_only=true
packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev doctest-dev libpugixml-dev libmimalloc-dev
  libxslt1-dev libssl-dev libpqxx-dev prometheus-cpp-dev libyaml-cpp-dev libvalijson-dev
)
if ! $build_only; then
  packages+=(
    dpkg-dev file openssl
    sqlite3 curl postgresql-15
    nginx-light wrk time
    clang-19 libclang-rt-19-dev
    chromium chromium-driver
  )
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Node.js, npm and Python may come from outside Debian's packages (as on the development image): a
# working command is enough, and installing Debian's over them would conflict.
if ! $build_only; then
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v python3 >/dev/null || missing+=(python3)
fi
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt (a machine's first-boot upgrades) may hold the lock: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi
