#!/usr/bin/env bash
# The package as a user gets it: pack it, install the tarball into an empty project, import it,
# start and stop an emulator in-process and through the bin, and run the README's examples
# unchanged. Usage: .ci/check-package.sh [--docker]  (--docker: the Testcontainers example too)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
bin_pid=
cleanup() {
  [ -n "$bin_pid" ] && kill "$bin_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
version=$(node -p "require('./package.json').version")
dev_version() { node -p "require('./package.json').devDependencies['$1']"; }

tarball=$(npm pack --pack-destination "$work" --silent | tail -n1)
tar -tzf "$work/$tarball" > "$work/contents"
for expected in package/dist/index.js package/dist/testing/vitest.js package/dist/testing/testcontainers.js \
  package/bin/zuora-emulator.js package/contracts/openapi/admin.yaml package/LICENSE package/README.md; do
  grep -qx "$expected" "$work/contents" || { echo "check-package: $expected is not in $tarball" >&2; exit 1; }
done
if grep -E '^package/(test|bench|\.ci|docker|cli|emulator|sync|testing|node_modules)/|\.ts$' "$work/contents" | grep -v '\.d\.ts$'; then
  echo "check-package: $tarball ships files it should not (above)" >&2
  exit 1
fi
echo "packed $tarball: $(wc -l < "$work/contents") files"

mkdir "$work/project"
cd "$work/project"
npm init -y > /dev/null
# The README's examples are ES modules (top-level await), as a new project would be.
npm pkg set type=module
npm install --no-audit --no-fund --loglevel=error "$work/$tarball" \
  "testcontainers@$(cd "$root" && dev_version testcontainers)" "vitest@$(cd "$root" && dev_version vitest)" "tsx@$(cd "$root" && dev_version tsx)"

node --input-type=module -e "
import { startEmulator, startSyncEngine } from 'zuora-emulator';
import { ZuoraEmulatorContainer } from 'zuora-emulator/testcontainers';
import { useZuoraTenant, zuoraGlobalSetup } from 'zuora-emulator/vitest';
for (const f of [startSyncEngine, ZuoraEmulatorContainer, useZuoraTenant, zuoraGlobalSetup]) if (typeof f !== 'function') throw new Error('missing export');
const emulator = await startEmulator({ inMemory: true, port: 0 });
const health = await (await fetch(emulator.url + '/__emulator/health')).json();
await emulator.close();
if (health.status !== 'ok' || health.version !== '$version') throw new Error('health: ' + JSON.stringify(health));
console.log('imported all three entry points; an in-process emulator answered', JSON.stringify(health));
"

# The bin as npm links it, run directly so that its pid is the server's.
[ "$(node_modules/.bin/zuora-emulator --version)" = "$version" ] || { echo "check-package: the bin's --version is not $version" >&2; exit 1; }
node_modules/.bin/zuora-emulator start --port 0 --in-memory > "$work/start.log" 2>&1 &
bin_pid=$!
for _ in $(seq 1 300); do grep -q '^sync engine listening on' "$work/start.log" && break; sleep 0.2; done
url=$(sed -n 's/^zuora-emulator listening on //p' "$work/start.log")
[ -n "$url" ] || { cat "$work/start.log" >&2; echo "check-package: the bin did not get ready" >&2; exit 1; }
curl -sf "$url/__emulator/health" > /dev/null
kill -TERM "$bin_pid"
wait "$bin_pid"
bin_pid=
echo "the bin started ($url), answered and stopped on SIGTERM"

cd "$root"
node --import tsx .ci/readme-examples.ts "$work/project" "$@"
