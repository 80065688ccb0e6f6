#!/usr/bin/env bash
# `make dist`: the release tarball and its SHA-256 file, reproducible byte for byte.
#
#   scripts/dist.sh BIN_DIR OUT_DIR EPOCH
#
# Writes OUT_DIR/assay-VERSION-linux-ARCH.tar.gz and OUT_DIR/assay-VERSION-linux-ARCH.tar.gz.sha256.
# The archive holds one folder laid out like an install prefix (bin/, share/man/, share/assay/)
# plus README.md and LICENSE, so `tar -x --strip-components=1 -C /usr/local …/bin …/share`
# installs it. VERSION is what the binary reports; EPOCH (the commit's date, from the Makefile) is
# every entry's mtime, so the same commit and binaries give the same bytes: names sorted, owner
# 0, fixed modes, no pax timestamps, and gzip without a name or time (-n).
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:?usage: scripts/dist.sh BIN_DIR OUT_DIR EPOCH}
out_dir=${2:?usage: scripts/dist.sh BIN_DIR OUT_DIR EPOCH}
epoch=${3:?usage: scripts/dist.sh BIN_DIR OUT_DIR EPOCH}
version=$("$bin_dir/assay" --version | awk '{ print $2 }')
[ -n "$version" ] || { echo "dist: $bin_dir/assay --version printed no version" >&2; exit 2; }
name="assay-$version-linux-$(uname -m)"
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

DESTDIR="$stage/$name" PREFIX= scripts/install.sh "$bin_dir" >/dev/null
install -m 0644 README.md LICENSE "$stage/$name/"
# umask and install(1) leave folders as they come; pin them too.
find "$stage/$name" -type d -exec chmod 0755 {} +

tar --create --format=gnu --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
  --directory="$stage" "$name" | gzip -n -9 >"$out_dir/$name.tar.gz.tmp"
mv "$out_dir/$name.tar.gz.tmp" "$out_dir/$name.tar.gz"
(cd "$out_dir" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$out_dir/$name.tar.gz"
