#!/usr/bin/env bash
# The extra root filesystem of the Kordon image, built without a daemon or a base image:
#   /opt/java     a jlink runtime from the build JDK (only the modules Kordon uses, with a
#                 default class-data sharing archive)
#   /lib, /lib64  the C libraries that runtime links against, copied from the build host
#                 (glibc, zlib, libstdc++ where the JDK was built against them)
#   /etc/passwd   the non-root user 65532 (nonroot), /tmp empty (mount an emptyDir there when
#                 the root filesystem is read-only)
# Usage: image-root.sh JAVA_HOME OUTPUT_DIR
set -euo pipefail
java_home=$1
out=$2
jlink=$java_home/bin/jlink
[ -x "$jlink" ] || jlink=$(command -v jlink)
stamp=$out.built-from
want="$("$java_home/bin/java" -version 2>&1 | head -n 1) $(cat "$0" | cksum)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0 # the same JDK and script made it already: jlink is the slow part of the build
fi
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp"
chmod 1777 "$out/tmp"
# the modules jdeps --print-module-deps names for kordon.jar, plus jdk.crypto.ec (the webhook's
# and the API client's TLS with EC keys), java.management (JVM metrics) and jdk.zipfs.
# jlink's own JVM on C1 only: the same lib/modules, in half the CPU (about 5 s instead of 11 s:
# C2 compiles for a run that lasts seconds)
"$jlink" -J-XX:TieredStopAtLevel=1 --add-modules java.base,java.compiler,java.desktop,java.management,java.naming,java.sql,jdk.crypto.ec,jdk.jfr,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
  --output "$out/opt/java"
# java.desktop is there for java.beans only: its graphics and sound libraries would pull in X11
find "$out/opt/java/lib" \( -name 'libawt*' -o -name 'libfontmanager*' -o -name 'libjsound*' \
  -o -name 'libsplashscreen*' -o -name 'liblcms*' -o -name 'libjavajpeg*' -o -name 'libmlib_image*' \
  -o -name 'libjawt*' \) -delete
# every shared library the runtime needs that is not part of it, with its directory
libs=$( (ldd "$out/opt/java/bin/java"; find "$out/opt/java/lib" -name '*.so' -exec ldd {} \;) 2>/dev/null \
  | awk '/=> \// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }' | sort -u)
for lib in $libs; do
  case $lib in "$out"/*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# glibc's dynamic loader is named by absolute path in the java binary
interp=$(readelf -l "$out/opt/java/bin/java" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]/\1/p')
if [ -n "$interp" ] && [ ! -e "$out$interp" ]; then
  mkdir -p "$out$(dirname "$interp")"
  cp -L "$interp" "$out$interp"
fi
# DNS for the webhook's and the cluster client's lookups; and glibc's librt, libpthread and libdl,
# which the webhook's OpenSSL (netty-tcnative's BoringSSL, extracted to /tmp at start) links
# against: without them it falls back to the JDK's TLS
for nss in libnss_dns.so.2 libnss_files.so.2 libresolv.so.2 librt.so.1 libpthread.so.0 libdl.so.2; do
  for d in /lib/x86_64-linux-gnu /lib/aarch64-linux-gnu /usr/lib64 /lib64; do
    if [ -f "$d/$nss" ] && [ ! -e "$out$d/$nss" ]; then
      mkdir -p "$out$d"
      cp -L "$d/$nss" "$out$d/$nss"
    fi
  done
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
echo "$want" > "$stamp"
