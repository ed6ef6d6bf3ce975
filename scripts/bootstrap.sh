#!/usr/bin/env bash
# Installs what vtdeck needs on a fresh Debian machine that has only Node 20+ and npm:
# pnpm 10 (11 crashes on Node 20; corepack fails its signature check here), the workspace's packages,
# and the Debian packages: with --runtime what the sandbox console uses (mariadb-server, serving as
# vtgate), with --system also what the tests drive for real (chromium, kubectl, CJK fonts).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[vtdeck]\033[0m %s\n' "$*" >&2; }

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version 2>/dev/null)" != 10.* ]]; then
  say "installing pnpm 10"
  npm install -g pnpm@10 >/dev/null
fi

mode="${1:-}"
if [[ "$mode" == "--system" || "$mode" == "--runtime" ]]; then
  missing=()
  command -v mariadbd >/dev/null 2>&1 || [[ -x /usr/sbin/mariadbd ]] || missing+=(mariadb-server)
  if [[ "$mode" == "--system" ]]; then
    command -v chromium >/dev/null 2>&1 || [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
    # CJK glyphs, so zh-CN screenshots show text rather than empty boxes.
    fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
  fi
  if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

say "installing workspace packages"
pnpm install --frozen-lockfile --reporter=silent
