#!/usr/bin/env bash
# fuzz-compare.sh - compare bin/domxml to-args --style=libvirt with libvirt's outputs.
#
# usage: fuzz-compare.sh DIR...
#
# Each DIR holds NAME.xml plus NAME.args or NAME.err from make-reference.sh. For every
# case this runs `bin/domxml to-args --style=libvirt NAME.xml` (stdout -> NAME.dx,
# stderr -> NAME.dxerr) and prints one tab-separated line:
#   NAME  ORACLE(args|err)  DOMXML_RC  STORAGE(same|diff|-)  DEVICES(same|diff|-)  VERDICT
# Run it alone (not several at once): bin/domxml rebuilds itself when sources change.
# VERDICT: agree | storage-diff | devices-diff | domxml-refuses | domxml-accepts |
#          no-message | crash (exit code other than 0/1 or a Java stack trace)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cmp=/work/shared/tools/argv-compare
for dir in "$@"; do
  for x in "$dir"/*.xml; do
    b=${x%.xml}; n=$(basename "$b")
    if [[ -f $b.args ]]; then o=args; elif [[ -f $b.err ]]; then o=err; else continue; fi
    for try in 1 2 3 4 5 6 7 8 9 10; do
      "$root/bin/domxml" to-args --style=libvirt "$x" >"$b.dx" 2>"$b.dxerr"; rc=$?
      # another engineer mid-edit: the launcher's rebuild failed; wait and retry
      if [[ $rc == 2 ]] && grep -q '^domxml: build' "$b.dxerr"; then sleep 60; continue; fi
      break
    done
    sed -i '/^domxml: building /d' "$b.dxerr"
    st=- dv=-
    if grep -qE '^\s+at [a-zA-Z]|Exception' "$b.dxerr" || [[ $rc != 0 && $rc != 1 ]]; then v=crash
    elif [[ $o == args && $rc == 0 ]]; then
      $cmp "$b.args" "$b.dx" --level storage --quiet >/dev/null 2>&1 && st=same || st=diff
      $cmp "$b.args" "$b.dx" --level devices --quiet >/dev/null 2>&1 && dv=same || dv=diff
      if [[ $st == diff ]]; then v=storage-diff; elif [[ $dv == diff ]]; then v=devices-diff; else v=agree; fi
    elif [[ $o == args ]]; then v=domxml-refuses
    elif [[ $rc == 0 ]]; then v=domxml-accepts
    elif [[ ! -s $b.dxerr ]]; then v=no-message
    else v=agree
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$o" "$rc" "$st" "$dv" "$v"
  done
done
