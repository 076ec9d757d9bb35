#!/usr/bin/env bash
# setup.sh -- makes the venv of the MCP client tests (tests/mcp.rs, tests/mcp/client.py):
# Python >= 3.10 with exactly the pinned requirements.txt beside this script (the official
# `mcp` SDK from PyPI). The venv is $MCP_VENV (default ~/.cache/hexaglot-mcp-venv); a copy
# of requirements.txt inside it marks it done, so a second run costs nothing.
# Prints the venv's python on stdout. Exit status: 0 ready, 2 setup failed.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MCP_VENV="${MCP_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/hexaglot-mcp-venv}"

ready() {
  [ -x "$MCP_VENV/bin/python" ] && cmp -s "$HERE/requirements.txt" "$MCP_VENV/requirements.txt"
}

if ! ready; then
  # mcp 2.x needs Python >= 3.10; look on PATH, then in pyenv's versions.
  py=""
  for c in python3 python3.13 python3.12 python3.11 python3.10 \
      $(ls -d "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.1[0-9]*/bin/python3 2>/dev/null); do
    if "$c" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then py="$c"; break; fi
  done
  [ -n "$py" ] || { echo "setup: no Python >= 3.10 found for the MCP client tests" >&2; exit 2; }
  rm -rf "$MCP_VENV"
  echo "[setup] creating $MCP_VENV with $py + the pinned mcp SDK" >&2
  { "$py" -m venv "$MCP_VENV" && "$MCP_VENV/bin/pip" install -q -r "$HERE/requirements.txt" >&2; } || exit 2
  "$MCP_VENV/bin/python" -c 'import mcp, httpx2' || exit 2
  cp "$HERE/requirements.txt" "$MCP_VENV/requirements.txt"
fi
echo "$MCP_VENV/bin/python"
