#!/usr/bin/env bash
# setup-libvirt.sh - install and start Debian's libvirt 9.0 + QEMU 7.2 for domxml's tests.
#
# usage: bash src/test/oracle/setup-libvirt.sh        (as root; safe to run again)
#
# What it does, each step only when still needed:
#   1. apt-get installs libvirt0 libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu
#      qemu-system-x86 qemu-utils libxml2-utils (no recommends, non-interactive);
#   2. creates the groups kvm, libvirt, libvirt-qemu and the system user libvirt-qemu
#      (normally made by libvirt-daemon-system, which is not installed here);
#   3. gives /dev/kvm to group kvm as udev would, then starts virtlogd and libvirtd as daemons,
#      without systemd (containers, CI runners);
#   4. waits until `virsh -c qemu:///system version` answers.
# Afterwards `virsh -c qemu:///system domxml-to-native qemu-argv FILE.xml` prints libvirt's own
# command line (src/test/oracle/make-reference.sh) and qemu-system-x86_64 / qemu-img are on PATH
# for the live integration tests (QemuLiveIT). No /dev/kvm is needed: the corpus uses TCG.
#
# The reference outputs were made with Debian bookworm's packages (libvirt 9.0.0, QEMU 7.2);
# on another release the versions differ and a warning is printed.
# Exit status: 0 ready; 1 installation or daemon start failed.
set -euo pipefail

log() { printf 'setup-libvirt: %s\n' "$*"; }
die() { printf 'setup-libvirt: error: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (installs packages and starts system daemons)"

packages=(libvirt0 libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu
          qemu-system-x86 qemu-utils libxml2-utils)

installed() {
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]
}

missing=()
for pkg in "${packages[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  log "packages already installed"
else
  command -v apt-get >/dev/null || die "apt-get not found; this script needs Debian (bookworm) or a derivative"
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
fi

# Users and groups that libvirt-daemon-system would create; qemu.conf runs guests as libvirt-qemu.
for group in kvm libvirt libvirt-qemu; do
  getent group "$group" >/dev/null || { groupadd --system "$group"; log "created group $group"; }
done
if ! getent passwd libvirt-qemu >/dev/null; then
  useradd --system --gid libvirt-qemu --groups kvm --home-dir /var/lib/libvirt \
          --no-create-home --shell /usr/sbin/nologin libvirt-qemu
  log "created user libvirt-qemu"
fi

mkdir -p /run/libvirt /var/log/libvirt /var/lib/libvirt/qemu /var/cache/libvirt/qemu

# udev would give /dev/kvm to group kvm (mode 0660); without it only root can open it. libvirt probes
# QEMU as root but checks /dev/kvm as the guest user, disagrees with its own cache, and probes QEMU
# again on every call (50 s each). Debian's udev rule, applied by hand:
if [[ -c /dev/kvm ]]; then
  chgrp kvm /dev/kvm && chmod 0660 /dev/kvm || log "warning: cannot give /dev/kvm to group kvm"
fi

for daemon in virtlogd libvirtd; do
  command -v "$daemon" >/dev/null || [[ -x /usr/sbin/$daemon ]] || die "$daemon is not installed"
done
export PATH=$PATH:/usr/sbin:/sbin

# -x: the process name must match exactly, so "libvirtd" does not match e.g. "virtlogd".
if pgrep -x virtlogd >/dev/null; then
  log "virtlogd already running"
else
  virtlogd --daemon || die "virtlogd did not start"
  log "started virtlogd"
fi
if pgrep -x libvirtd >/dev/null; then
  log "libvirtd already running"
else
  libvirtd --daemon || die "libvirtd did not start; see /var/log/libvirt/libvirtd.log"
  log "started libvirtd"
fi

ready=0
for _ in $(seq 1 150); do   # up to 30 s
  if virsh -c qemu:///system version >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.2
done
((ready)) || die "libvirtd does not answer on qemu:///system after 30 s; see /var/log/libvirt/libvirtd.log"

# A healthy daemon answers from its capabilities cache; one that probes QEMU on every call makes the
# oracle tests take hours, so that is an error here rather than a slow CI run.
virsh -c qemu:///system domcapabilities --virttype qemu >/dev/null 2>&1 || true
started=$SECONDS
virsh -c qemu:///system domcapabilities --virttype qemu >/dev/null 2>&1 || true
((SECONDS - started < 10)) || die "libvirtd takes $((SECONDS - started)) s per call (it probes QEMU again each time);" \
  "see /var/log/libvirt/libvirtd.log"

libvirt_version=$(virsh -c qemu:///system version 2>/dev/null | sed -n 's/^Using library: libvirt //p')
qemu_version=$(qemu-system-x86_64 --version | sed -n '1s/^QEMU emulator version \([0-9.]*\).*/\1/p')
log "ready: libvirt ${libvirt_version:-?}, QEMU ${qemu_version:-?}"
[[ $libvirt_version == 9.0.* ]] || log "warning: the reference outputs were made with libvirt 9.0, not ${libvirt_version:-unknown}"
[[ $qemu_version == 7.2.* ]] || log "warning: the reference outputs were made with QEMU 7.2, not ${qemu_version:-unknown}"
exit 0
