#!/usr/bin/env bash
# `make install` / `make uninstall`, and the layout `make dist` packs (the same function lays out both).
#
#   scripts/install.sh BIN_DIR        installs BIN_DIR/assay and BIN_DIR/assay-target (stripped),
#                                     the man page and the shipped pack under $DESTDIR$PREFIX
#   scripts/install.sh --uninstall    removes exactly what the above installs
#
# PREFIX defaults to /usr/local; DESTDIR (empty by default) is prepended to every path, for staging
# and packaging. STRIP= (empty) installs the binaries unstripped.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${PREFIX-/usr/local}
DESTDIR=${DESTDIR-}
STRIP=${STRIP-strip}
root="$DESTDIR$PREFIX"
# What goes where, relative to the prefix.
binaries=(assay assay-target)
man_page=share/man/man1/assay.1
pack=share/assay

if [ "${1-}" = --uninstall ]; then
  for name in "${binaries[@]}"; do rm -f "$root/bin/$name"; done
  rm -f "$root/$man_page"
  rm -rf "${root:?}/$pack"
  echo "removed assay from $root"
  exit 0
fi

bin_dir=${1:?usage: scripts/install.sh BIN_DIR | --uninstall}
for name in "${binaries[@]}"; do
  [ -x "$bin_dir/$name" ] || { echo "install: $bin_dir/$name is not built (run make release)" >&2; exit 2; }
done

install -d "$root/bin" "$root/share/man/man1" "$root/$pack"
for name in "${binaries[@]}"; do
  install -m 0755 "$bin_dir/$name" "$root/bin/$name"
  if [ -n "$STRIP" ]; then "$STRIP" "$root/bin/$name"; fi
done
install -m 0644 docs/assay.1 "$root/$man_page"
# The pack: suites, goldens and the config that points them at the reference target. Copied file by
# file so modes are fixed (0644 files, 0755 folders) whatever the checkout's umask was.
while IFS= read -r -d '' file; do
  install -D -m 0644 "$file" "$root/$pack/$file"
done < <(find Suites Goldens assay.jsonc -type f -print0 | LC_ALL=C sort -z)
find "$root/$pack" -type d -exec chmod 0755 {} +
echo "installed assay into $root"
