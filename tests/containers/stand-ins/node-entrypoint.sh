#!/bin/sh
# As the official node image's: a first argument that is an option (or not a command) goes to node.
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}" || true)" ]; then
  set -- node "$@"
fi
exec "$@"
