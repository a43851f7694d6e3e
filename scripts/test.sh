#!/usr/bin/env bash
# The one test command (`npm test`): type-check, lint, unit and integration tests (real SQLite, real
# servers and agents on 127.0.0.1, the real OS keychain under a private D-Bus session), then the
# build and the end-to-end specs in Debian's Chromium. Installs the system packages it needs when
# they are missing and it runs as root; otherwise says exactly what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v gnome-keyring-daemon >/dev/null 2>&1 || packages+=(gnome-keyring)
command -v dbus-run-session >/dev/null 2>&1 || packages+=(dbus)
# net-snmp's agent, for the collector tests against a real snmpd on 127.0.0.1.
[ -x /usr/sbin/snmpd ] || command -v snmpd >/dev/null 2>&1 || packages+=(snmpd)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages the tests need: ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" libsecret-1-0 >/dev/null
  else
    echo "The tests need these system packages: ${packages[*]}" >&2
    echo "Install them with: sudo apt-get install ${packages[*]} libsecret-1-0" >&2
    exit 1
  fi
fi

results_dir=$(mktemp -d)
trap 'rm -rf "$results_dir"' EXIT

echo "== type-check"
npm run --silent typecheck
echo "== lint"
npm run --silent lint

echo "== build"
npm run --silent build

# Tests that touch the OS keychain (unit tests of the keychain adapter, discovery credentials in
# the CLI and in the UI) need a Secret Service: gnome-keyring runs inside a private D-Bus session
# that ends with the tests.
export FIELDWISE_TEST_RESULTS="$results_dir"
dbus-run-session -- bash -c '
  # A keyring of its own, made fresh for this run: an existing login keyring with another password
  # would make gnome-keyring ask for it on a display that does not exist.
  export XDG_DATA_HOME="$FIELDWISE_TEST_RESULTS/xdg-data"
  mkdir -p "$XDG_DATA_HOME"
  echo -n fieldwise-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
    sleep 0.1
  done
  echo "== unit and integration tests"
  npx vitest run --reporter=default --reporter=json --outputFile.json="$FIELDWISE_TEST_RESULTS/unit.json" || touch "$FIELDWISE_TEST_RESULTS/unit.failed"
  echo "== end-to-end tests (Chromium against serve mode)"
  npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json="$FIELDWISE_TEST_RESULTS/e2e.json" || touch "$FIELDWISE_TEST_RESULTS/e2e.failed"
'

node scripts/summarise-test-results.mjs "$results_dir/unit.json" "$results_dir/e2e.json"
[ ! -e "$results_dir/unit.failed" ] && [ ! -e "$results_dir/e2e.failed" ]
