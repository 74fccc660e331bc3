#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only when something is missing.
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev doctest-dev libpugixml-dev
  nodejs npm sqlite3 curl python3
  nginx-light wrk time
  clang-19 libclang-rt-19-dev
  chromium chromium-driver
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
