#!/usr/bin/env bash
# Installs the real word lists the search benchmark generates its data from
# (Debian packages): hunspell dictionaries for ar, en, es, fr, ru and
# python3-jieba's Chinese word list with frequencies. Run as root (or via sudo).
#   sudo bash benches/prepare.sh   (or as root: bash benches/prepare.sh) && cargo bench --bench search -- --quick
set -euo pipefail

need=()
for f in en_US fr es_ES ru_RU ar; do
  [ -f "/usr/share/hunspell/$f.dic" ] || need+=("$f")
done
pkgs=()
for f in "${need[@]}"; do
  case "$f" in
    en_US) pkgs+=(hunspell-en-us) ;;
    fr) pkgs+=(hunspell-fr) ;;
    es_ES) pkgs+=(hunspell-es) ;;
    ru_RU) pkgs+=(hunspell-ru) ;;
    ar) pkgs+=(hunspell-ar) ;;
  esac
done
[ -f /usr/lib/python3/dist-packages/jieba/dict.txt ] || pkgs+=(python3-jieba)

if [ ${#pkgs[@]} -eq 0 ]; then
  echo "word lists already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${pkgs[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
echo "done"
