#!/usr/bin/env bash
# make-reference.sh - regenerate libvirt's reference outputs for a corpus directory.
#
# usage: make-reference.sh [--validate] [--connect URI] DIR
#
# For every DIR/NAME.xml (in name order) this runs the real libvirt
#     virsh -c URI domxml-to-native qemu-argv NAME.xml
# and writes
#     NAME.args  the command line libvirt generated (accepted domain), or
#     NAME.err   virsh's error message, blank lines dropped (refused domain);
# the other of the two files is removed so that exactly one of them exists.
# URI defaults to qemu:///system (run /work/shared/oracle/setup-libvirt.sh first).
# With --validate each XML must also pass `virt-xml-validate NAME.xml domain`
# (libvirt's RNG schema); a schema-invalid XML aborts the run before virsh is asked.
#
# Notes
# - The environment prefix of a .args line (PATH=..., HOME=...) comes from libvirtd's own
#   environment, not from this script; comparisons should ignore it (argv-compare does).
# - Nothing under /var/tmp/domxml-disks/ needs to exist: domxml-to-native opens no image.
# - Output: one line per case ("args NAME" / "err NAME: message"), then a summary line.
#   Exit status: 0 on success, 1 when virsh failed in an unexpected way (could not
#   connect, empty output), 2 on bad usage or a schema-invalid XML.
set -euo pipefail

uri=qemu:///system
validate=0
dir=
while (($#)); do
  case $1 in
    --validate) validate=1; shift ;;
    --connect) uri=$2; shift 2 ;;
    --connect=*) uri=${1#*=}; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    -*) echo "make-reference.sh: unknown option $1" >&2; exit 2 ;;
    *) [[ -z $dir ]] || { echo "make-reference.sh: only one DIR" >&2; exit 2; }; dir=$1; shift ;;
  esac
done
[[ -n $dir && -d $dir ]] || { sed -n '2,22p' "$0" >&2; exit 2; }

command -v virsh >/dev/null || { echo "make-reference.sh: virsh not found" >&2; exit 1; }
virsh -c "$uri" version >/dev/null 2>&1 || {
  echo "make-reference.sh: cannot connect to $uri (run setup-libvirt.sh?)" >&2; exit 1; }

shopt -s nullglob
xmls=("$dir"/*.xml)
((${#xmls[@]})) || { echo "make-reference.sh: no .xml files in $dir" >&2; exit 2; }

if ((validate)); then
  for x in "${xmls[@]}"; do
    virt-xml-validate "$x" domain >/dev/null 2>&1 || {
      echo "make-reference.sh: $x does not pass virt-xml-validate" >&2; exit 2; }
  done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nargs=0 nerr=0 bad=0
for x in "${xmls[@]}"; do
  base=${x%.xml}
  name=$(basename "$base")
  if virsh -c "$uri" domxml-to-native qemu-argv "$x" >"$tmp/out" 2>"$tmp/err"; then
    if [[ ! -s $tmp/out ]]; then
      echo "FAIL $name: virsh succeeded but printed nothing" >&2; bad=1; continue
    fi
    # virsh ends the line with a newline; keep exactly what it printed
    mv "$tmp/out" "$base.args"
    rm -f "$base.err"
    nargs=$((nargs + 1))
    echo "args $name"
  else
    # virsh prints "error: ...", followed by an empty line; keep the message lines only
    grep -v '^[[:space:]]*$' "$tmp/err" >"$tmp/msg" || true
    if [[ ! -s $tmp/msg ]] || grep -qiE 'failed to connect|no connection driver' "$tmp/msg"; then
      echo "FAIL $name: virsh failed without a domain error: $(head -1 "$tmp/msg")" >&2; bad=1; continue
    fi
    mv "$tmp/msg" "$base.err"
    rm -f "$base.args"
    nerr=$((nerr + 1))
    echo "err  $name: $(head -1 "$base.err")"
  fi
done
echo "$dir: $((nargs + nerr)) cases, $nargs accepted (.args), $nerr refused (.err)"
exit "$bad"
