#!/bin/sh
# As the official image's: options go to redis-server, which runs as redis with protected mode
# off (no config file: the container's network is the boundary).
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = 'redis-server' ]; then
  set -- "$@" --protected-mode no
  if [ "$(id -u)" = '0' ]; then chown -R redis:redis . 2>/dev/null || true; exec setpriv --reuid=redis --regid=redis --init-groups "$@"; fi
fi
exec "$@"
