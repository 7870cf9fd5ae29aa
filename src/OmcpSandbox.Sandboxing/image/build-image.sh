#!/usr/bin/env bash
# Builds the sandbox image from Debian packages without a registry: debootstrap makes a base root file
# system that `docker import` turns into an image, then `docker build` adds the runner on top of it.
# Both images are tagged by a hash of their recipe, so each is rebuilt only when its recipe changes.
# Usage: build-image.sh [--print-tag]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repository=omcp-sandbox
suite=bookworm

base_hash=$(cat "$here/packages.txt" "$here/base.sh" | sha256sum | cut -c1-12)
base_tag="$repository-base:$base_hash"
image_hash=$(printf '%s\n' "$base_tag" | cat - "$here/Dockerfile" $(find "$here/runner" -type f -name "*.py" | sort) | sha256sum | cut -c1-12)
image_tag="$repository:$image_hash"

if [[ "${1-}" == --print-tag ]]; then
  echo "$image_tag"
  exit 0
fi

elapsed() { echo "$(( $(date +%s) - started ))s"; }

if docker image inspect "$image_tag" >/dev/null 2>&1; then
  echo "Sandbox image $image_tag is up to date."
  exit 0
fi

if ! docker image inspect "$base_tag" >/dev/null 2>&1; then
  started=$(date +%s)
  command -v debootstrap >/dev/null || {
    echo "Installing debootstrap..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
  }
  rootfs=$(mktemp -d /var/tmp/omcp-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  packages=$(grep -v '^#' "$here/packages.txt" | paste -sd, -)
  echo "Building base image $base_tag with debootstrap ($packages); this takes about two minutes..."
  debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" 2>&1 |
    grep --line-buffered -E '^I: (Retrieving|Validating|Unpacking|Configuring) (base|python3|libpython|numpy|pandas|matplotlib)' |
    awk '{ printf "."; fflush() } END { print "" }'
  echo "debootstrap finished after $(elapsed); configuring the root file system..."
  bash "$here/base.sh" "$rootfs"
  echo "Importing the root file system into Docker..."
  tar -C "$rootfs" -c . | docker import - "$base_tag" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
  echo "Base image $base_tag built in $(elapsed)."
fi

started=$(date +%s)
echo "Building sandbox image $image_tag on $base_tag..."
docker build -q --build-arg "BASE=$base_tag" -t "$image_tag" -f "$here/Dockerfile" "$here" >/dev/null
echo "Sandbox image $image_tag built in $(elapsed)."
