#!/bin/sh
# The official caddy image has no entrypoint script; this one only runs the command it is given.
exec "$@"
