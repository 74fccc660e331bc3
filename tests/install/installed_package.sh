#!/usr/bin/env bash
# Installs the build into a scratch prefix, builds the out-of-tree example consumer/examples/installed_package
# against that prefix only (find_package(pact)), runs its consumer test and checks the pact it wrote.
# Usage: installed_package.sh BUILD_DIR SOURCE_DIR SCRATCH_DIR   (CMAKE, GENERATOR, CXX, COMPILER_LAUNCHER set)
set -euo pipefail
build=$1 source=$2 scratch=$3
prefix=$scratch/prefix
rm -rf "$scratch"
mkdir -p "$scratch/run"

"$CMAKE" --install "$build" --prefix "$prefix" >"$scratch/install.log"

# What a user gets: the two executables, our headers under one folder, the static libraries and the
# package; no service files (only the Debian package has those) and no path back into this tree.
for file in bin/pact bin/pact-broker include/pact-system/consumer/pact_builder.hpp include/pact-system/pact/model.hpp \
            include/pact-system/http/server.hpp lib/libpact_consumer.a lib/cmake/pact/pact-config.cmake; do
  [[ -e $prefix/$file ]] || { echo "not installed: $file"; exit 1; }
done
[[ $(ls "$prefix/include") == pact-system ]] || { echo "include/ holds more than pact-system: $(ls "$prefix/include")"; exit 1; }
[[ ! -e $prefix/etc && ! -e $prefix/lib/systemd ]] || { echo "service files installed outside the package"; exit 1; }
if grep -rlF -e "$source" -e "$build" "$prefix/lib/cmake"; then echo "the package names the source or build tree"; exit 1; fi

"$CMAKE" -S "$source/consumer/examples/installed_package" -B "$scratch/example-build" -G "$GENERATOR" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER="$CXX" ${COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER="$COMPILER_LAUNCHER"} \
  -DCMAKE_PREFIX_PATH="$prefix" >"$scratch/configure.log" || { cat "$scratch/configure.log"; exit 1; }
"$CMAKE" --build "$scratch/example-build" >"$scratch/build.log" || { cat "$scratch/build.log"; exit 1; }

cd "$scratch/run"
"$scratch/example-build/shipping_service_pact_test"
python3 - pacts/shipping-service-order-service.json <<'PYTHON'
import json, sys
pact = json.load(open(sys.argv[1]))
assert pact["consumer"]["name"] == "shipping-service" and pact["provider"]["name"] == "order-service", pact
[interaction] = pact["interactions"]
assert interaction["description"] == "a request for the delivery address of order 7", interaction
assert interaction["providerStates"] == [{"name": "order 7 exists"}], interaction
assert interaction["response"]["body"] == {"id": 7, "delivery_address": "1 Dock Road, Leith"}, interaction
rules = interaction["response"]["matchingRules"]["body"]
assert rules["$.delivery_address"]["matchers"] == [{"match": "type"}], rules
print("pact written by the example built against the installed package:", sys.argv[1])
PYTHON
