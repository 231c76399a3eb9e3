#!/usr/bin/env bash
# cpu-map-names.sh - list the x86 CPU model and feature names of an installed libvirt's CPU map.
#
# usage: cpu-map-names.sh [CPU_MAP_DIR] > src/main/resources/dev/domxml/rules/x86-cpu-names.txt
#
# check='partial' compares a model's features with the host CPU's, so each model line lists them;
# features stay in the map's order (CPUID leaf and bit), the order libvirt names them in.
#
# libvirt refuses a <cpu> model or <feature> name its map lacks ("Unknown CPU model X", "unknown CPU
# feature: X"), and QEMU's own spellings and versioned models (EPYC-v2, max) are not in it. domxml
# carries the names as data so that it refuses the same names without libvirt installed.
# CPU_MAP_DIR defaults to /usr/share/libvirt/cpu_map (Debian's libvirt 9.0: src/test/oracle/setup-libvirt.sh).
set -euo pipefail
dir=${1:-/usr/share/libvirt/cpu_map}
[[ -f $dir/x86_features.xml ]] || { echo "cpu-map-names.sh: no x86_features.xml in $dir" >&2; exit 2; }
echo "# x86 CPU models (each with the features it lists) and feature names of libvirt's CPU map ($dir),"
echo "# made by src/test/oracle/cpu-map-names.sh"
for file in "$dir"/x86_*.xml; do
  model=$(grep -o -m 1 "<model name='[^']*'>" "$file" | sed "s/<model name='\([^']*\)'>/\1/") || continue
  features=$(grep -o "<feature name='[^']*'" "$file" | sed "s/<feature name='//; s/'\$//" | tr '\n' ' ')
  echo "model $model ${features% }"
done | sort
grep -h -o "<feature name='[^']*'" "$dir"/x86_features.xml | sed "s/<feature name='/feature /; s/'$//"
