#!/bin/sh
# A Debian sid chroot with the current torch and transformers (CPU only), for checking Python code
# against the library versions the torch and Hugging Face golden data (test/fixtures/, test/engine/torch/) was
# made with (torch 2.14, transformers 5.12). Debian bookworm's python3-torch is 1.13, whose schedulers differ.
#
# From the project root:
#   scripts/torch-chroot.sh             make it (once: ~2.2 GB, several minutes) and print the versions
#   scripts/torch-chroot.sh run CMD...  run CMD inside it, in a bind mount of the current directory
#                                   (the network is the host's: a service on 127.0.0.1 is reachable)
#
# Needs root and debootstrap (apt-get install debootstrap). Never touches the host's apt.
# TORCH_CHROOT names the place (default: $HOME/.cache/torch-sid).
set -eu
ROOT=${TORCH_CHROOT:-$HOME/.cache/torch-sid}
MIRROR=${MIRROR:-$(awk '/^URIs:/ && /debian$/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)}
[ -n "$MIRROR" ] || MIRROR=$(awk '$1 == "deb" && $3 ~ /^(bookworm|trixie|sid)$/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
[ -n "$MIRROR" ] || { echo "no Debian mirror found in the apt sources"; exit 2; }

make_chroot() {
  command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap"; exit 2; }
  if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
    mkdir -p "$(dirname "$ROOT")"
    debootstrap --variant=minbase sid "$ROOT" "$MIRROR" >/dev/null
  fi
  mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"   # torch reads /proc/cpuinfo
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
  if ! chroot "$ROOT" python3 -c 'import torch, transformers, accelerate' 2>/dev/null; then
    chroot "$ROOT" apt-get -o Acquire::Check-Valid-Until=false update -qq
    chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends python3-torch python3-transformers python3-accelerate >/dev/null
  fi
}

make_chroot
if [ "${1:-}" = run ]; then
  shift
  mkdir -p "$ROOT/src"
  mount --bind "$PWD" "$ROOT/src"
  trap 'umount "$ROOT/src"' EXIT
  chroot "$ROOT" sh -c 'cd /src && exec "$@"' sh "$@"
else
  chroot "$ROOT" python3 -c 'import torch, transformers, sys, platform
print("torch", torch.__version__, "| transformers", transformers.__version__,
      "| python", sys.version.split()[0], "| glibc", platform.libc_ver()[1])'
fi
