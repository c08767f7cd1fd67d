# Sourced by .ci/run: puts the Node major named in .nvmrc first on PATH, and points node-gyp at
# that Node's headers so native modules (keytar, better-sqlite3) build without any download.
# The machine may carry an older Node (ours: Debian's 18 or a preinstalled 20). The npm registry's
# node-linux-<arch> package holds the official binary and its include/node headers, so the same
# npm that is already here fetches it. Kept in a cache folder and reused while the major matches.
want_major=$(tr -d ' \nv' < .nvmrc)

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none; }

if [ "$(node_major)" != "$want_major" ]; then
  if ! command -v npm >/dev/null; then
    # A bare Debian machine: its own npm is only the way to reach the registry.
    apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  case "$(uname -m)" in
    x86_64) node_arch=x64 ;;
    aarch64 | arm64) node_arch=arm64 ;;
    *) echo "no node-linux package for $(uname -m)" >&2; exit 1 ;;
  esac
  node_prefix="${XDG_CACHE_HOME:-$HOME/.cache}/reading-room-companion/node-$want_major"
  node_home="$node_prefix/node_modules/node-linux-$node_arch"
  if [ ! -x "$node_home/bin/node" ] || [ "$("$node_home/bin/node" -p 'process.versions.node.split(".")[0]')" != "$want_major" ]; then
    mkdir -p "$node_prefix"
    npm install --prefix "$node_prefix" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-$node_arch@$want_major" >/dev/null
  fi
  export PATH="$node_home/bin:$PATH"
  # node-gyp builds against these headers instead of downloading them (no network here).
  export npm_config_nodedir="$node_home"
fi

if [ "$(node_major)" != "$want_major" ]; then
  echo "Node $want_major is not on PATH (have $(node -v 2>/dev/null || echo none))" >&2
  exit 1
fi
echo "Node $(node -v), npm $(npm -v)"
