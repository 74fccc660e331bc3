#!/usr/bin/env bash
# Makes the Debian packages of the build with cpack, checks their control fields, unpacks pact-broker into a
# scratch root (dpkg -x) and starts the broker from there on a free loopback port with its packaged
# settings, then asks for its index.
# Usage: debian_packages.sh BUILD_DIR SCRATCH_DIR   (CPACK set)
set -euo pipefail
build=$1 scratch=$2
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch"
fail() { echo "$*"; exit 1; }

"$CPACK" -G DEB --config "$build/CPackConfig.cmake" -B "$scratch" >cpack.log || { cat cpack.log; exit 1; }
broker=$(echo pact-broker_*.deb) cli=$(echo pact-cli_*.deb) development=$(echo libpact-consumer-dev_*.deb)
for package in "$broker" "$cli" "$development"; do
  [[ -f $package ]] || fail "no package $package: $(ls)"
  echo "$package: Depends: $(dpkg-deb -f "$package" Depends)"
done

# dpkg-shlibdeps computed the executables' libraries.
broker_depends=$(dpkg-deb -f "$broker" Depends)
for needed in libc6 libsqlite3 libssl adduser; do
  [[ $broker_depends == *"$needed"* ]] || fail "pact-broker does not depend on $needed: $broker_depends"
done
cli_depends=$(dpkg-deb -f "$cli" Depends)
for needed in libc6 libssl libxslt1; do
  [[ $cli_depends == *"$needed"* ]] || fail "pact-cli does not depend on $needed: $cli_depends"
done
development_depends=$(dpkg-deb -f "$development" Depends)
for needed in libboost1.81-dev nlohmann-json3-dev libssl-dev libpugixml-dev libxslt1-dev; do
  [[ $development_depends == *"$needed"* ]] || fail "libpact-consumer-dev does not depend on $needed: $development_depends"
done
dpkg-deb -c "$development" >development.contents
grep -q '/usr/lib/cmake/pact/pact-config.cmake$' development.contents || fail "libpact-consumer-dev has no CMake package"

dpkg-deb -x "$broker" root
dpkg-deb -e "$broker" control
[[ -x root/usr/bin/pact-broker ]] || fail "no /usr/bin/pact-broker"
grep -qx /etc/default/pact-broker control/conffiles || fail "/etc/default/pact-broker is not a conffile"
unit=root/usr/lib/systemd/system/pact-broker.service
for line in User=pact-broker ExecStart=/usr/bin/pact-broker EnvironmentFile=/etc/default/pact-broker StateDirectory=pact-broker; do
  grep -qx "$line" "$unit" || fail "$unit lacks $line"
done
grep -q 'adduser --system .* pact-broker$' control/postinst || fail "postinst creates no pact-broker system user"
for script in postinst prerm postrm; do sh -n "control/$script"; done
grep -qx PACT_BROKER_DATABASE=/var/lib/pact-broker/pact_broker.sqlite root/etc/default/pact-broker ||
  fail "the database is not under /var/lib/pact-broker by default"
# Every variable the default file names (set or as an example) is one the broker reads.
help=$(root/usr/bin/pact-broker --help)
for variable in $(grep -o 'PACT_BROKER_[A-Z_]*' root/etc/default/pact-broker | sort -u); do
  [[ $help == *"$variable"* ]] || fail "pact-broker does not read $variable"
done

# The packaged broker with the packaged settings, but a scratch database and any free port.
set -a
. root/etc/default/pact-broker
set +a
PACT_BROKER_DATABASE=$scratch/pact_broker.sqlite PACT_BROKER_PORT=0 root/usr/bin/pact-broker >broker.log 2>&1 &
broker_pid=$!
trap 'kill $broker_pid 2>/dev/null || true' EXIT
port=
for _ in $(seq 300); do  # 30 s: the suite's other tests load the machine
  port=$(sed -n 's/^Pact broker listening on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' broker.log)
  [[ -n $port ]] && break
  kill -0 $broker_pid 2>/dev/null || fail "the broker stopped: $(cat broker.log)"
  sleep 0.1
done
[[ -n $port ]] || fail "the broker did not start: $(cat broker.log)"
index=$(curl -fsS -H 'Accept: application/hal+json' "http://127.0.0.1:$port/") || fail "the broker's index failed: $(cat broker.log)"
[[ $index == *'"pb:latest-pact-versions"'* ]] || fail "the broker's index has no pb:latest-pact-versions: $index"
kill -TERM $broker_pid
status=0
wait $broker_pid || status=$?
((status == 0)) || fail "the broker did not stop cleanly (exit status $status): $(cat broker.log)"
trap - EXIT
echo "pact-broker from the package served its index on port $port"
