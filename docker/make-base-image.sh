#!/usr/bin/env bash
# Makes a Docker base image from this machine's own Node, for machines that reach no Docker
# registry: a root file system holding node, npm, a shell and exactly the shared libraries `ldd`
# lists for them, brought in with `docker import`. It also carries this machine's way to the npm
# registry (the registry URL and the CA bundle npm trusts, read from npm's config when the script
# runs), so `npm ci` in the build works behind the same TLS proxy. Build the emulator on it with
#   docker build -f docker/Dockerfile --build-arg BASE=<the tag printed> -t zuora-emulator .
# Usage: docker/make-base-image.sh [TAG]   (default zuora-emulator-base:node<version>)
set -euo pipefail

node_bin=$(command -v node) || { echo "make-base-image: node is not on PATH" >&2; exit 1; }
node_bin=$(readlink -f "$node_bin")
node_version=$(node --version)
tag=${1:-zuora-emulator-base:node${node_version#v}}
npm_dir=$(npm root -g)/npm
[ -f "$npm_dir/bin/npm-cli.js" ] || { echo "make-base-image: npm not found under $npm_dir" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

# Copies a file to the same path in the image, following symlinks so the image holds real files.
copy() { mkdir -p "$root$(dirname "$1")" && cp -L "$1" "$root$1"; }
# Copies a program and every library ldd names for it (the loader included).
copy_with_libraries() {
  copy "$1"
  ldd "$1" | grep -oE '/[^ ]+' | while read -r library; do copy "$library"; done
}

# Node where the official node images keep it, so one Dockerfile works on both.
mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules"
copy_with_libraries "$node_bin"
mv "$root$node_bin" "$root/usr/local/bin/node"
cp -R "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
# npm runs package scripts through sh, and its own entry point through env.
shell=$(readlink -f /bin/sh)
copy_with_libraries "$shell"
mkdir -p "$root/bin"
[ "$shell" = /bin/sh ] || ln -sf "$shell" "$root/bin/sh"
copy_with_libraries /usr/bin/env

# The `node` user (uid 1000) the official images have, and a writable /tmp.
mkdir -p "$root/etc" "$root/tmp" "$root/home/node"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' > "$root/etc/group"
chown 1000:1000 "$root/home/node"

# This machine's npm registry and the CA bundle npm (or Node) trusts, as a global npmrc.
mkdir -p "$root/usr/local/etc"
printf 'registry=%s\n' "$(npm config get registry)" > "$root/usr/local/etc/npmrc"
cafile=$(npm config get cafile)
[ "$cafile" != null ] && [ -n "$cafile" ] || cafile=${NODE_EXTRA_CA_CERTS:-}
env_ca=()
if [ -n "$cafile" ] && [ -f "$cafile" ]; then
  mkdir -p "$root/etc/ssl/certs"
  cp -L "$cafile" "$root/etc/ssl/certs/ca-certificates.crt"
  printf 'cafile=/etc/ssl/certs/ca-certificates.crt\n' >> "$root/usr/local/etc/npmrc"
  env_ca=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
fi

tar --numeric-owner -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  "${env_ca[@]}" \
  --change 'CMD ["node"]' \
  --message "node ${node_version} from $(hostname) for zuora-emulator" \
  - "$tag" > /dev/null
echo "$tag"
