#!/usr/bin/env bash
# Trims and configures a debootstrap root file system for the sandbox base image.
set -euo pipefail
rootfs=$1

chroot "$rootfs" groupadd --gid 1000 sandbox
chroot "$rootfs" useradd --uid 1000 --gid 1000 --home-dir /workspace --no-create-home --shell /usr/sbin/nologin sandbox
mkdir -p "$rootfs/workspace" "$rootfs/opt/omcp"
chown 1000:1000 "$rootfs/workspace"

# The package cache and lists are not needed at run time and only make the image larger.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*

# Build matplotlib's font cache once, so each container's first plot does not rebuild it.
chroot "$rootfs" env MPLCONFIGDIR=/opt/omcp/matplotlib MPLBACKEND=Agg python3 -c 'import matplotlib.pyplot'
chmod -R a+rX "$rootfs/opt/omcp"
