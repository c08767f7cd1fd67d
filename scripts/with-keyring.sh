#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked, throwaway gnome-keyring,
# so keytar talks to a real Secret Service headless (CI, tests, the demo on a server).
exec dbus-run-session -- sh -c '
  XDG_DATA_HOME=$(mktemp -d) XDG_RUNTIME_DIR=$(mktemp -d)
  export XDG_DATA_HOME XDG_RUNTIME_DIR
  printf throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' sh "$@"
