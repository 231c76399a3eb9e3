#!/usr/bin/env python3
"""random-domains.py - seeded random libvirt domain XMLs for differential testing.

usage: random-domains.py --seed N --count K --out DIR [--invalid-rate R]

Writes DIR/rnd-s<N>-<i>.xml for i in 0..K-1. Every file is schema-valid
(virt-xml-validate ... domain) and lies within what domxml models: type='qemu',
x86_64, machine pc/q35 (sometimes versioned), /usr/bin/qemu-system-x86_64, disk
images under /var/tmp/domxml-disks/ (nothing needs to exist), a uuid derived from
the seed and index. About R (default 0.15) of the domains get one deliberate
semantic error of a kind libvirt 9.0 refuses; the XML comment on line 2 names
the mutation ("invalid: ...") or says "valid". A domain is a pure function of
(seed, index): the same command always writes the same files.

Stdlib only. Run the oracle afterwards with make-reference.sh DIR and compare with
bin/domxml to-args --style=libvirt (fuzz-compare.sh next to this script).
A few "valid" domains are still refused by libvirt on purpose (thread_pool_min without
thread_pool_max, thread_pool_max 0, piix3-uhci at a PCI slot other than 1.2).
"""
import argparse
import os
import random
import uuid

DISK_DIR = "/var/tmp/domxml-disks"
UUID_NS = uuid.UUID("6b1f3c1e-4d0a-4a57-9a8e-646f6d786d6c")

CACHES = ["none", "writeback", "writethrough", "directsync", "unsafe", None]
SCSI_MODELS = ["virtio-scsi", "lsilogic", "lsisas1068", "lsisas1078", "vmpvscsi", None]


def dev_name(prefix, idx):
    """Target name for a disk index, like libvirt's virDiskNameToIndex in reverse."""
    s = ""
    i = idx + 1
    while i > 0:
        i, r = divmod(i - 1, 26)
        s = chr(ord("a") + r) + s
    return prefix + s


class Gen:
    def __init__(self, seed, index, invalid_rate):
        self.seed = seed
        self.index = index
        self.r = random.Random("domxml-%d-%d" % (seed, index))
        self.name = "rnd-s%d-%03d" % (seed, index)
        self.uuid = str(uuid.uuid5(UUID_NS, "seed=%d/index=%d" % (seed, index)))
        self.invalid = self.r.random() < invalid_rate
        self.mutation = None

    # ---------------------------------------------------------------- helpers
    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    # ---------------------------------------------------------------- model
    def build(self):
        r = self.r
        m = {}
        self.m = m
        m["machine"] = self.pick(["pc", "pc", "q35", "q35", "pc-i440fx-7.2", "pc-q35-7.2"])
        m["pc"] = not ("q35" in m["machine"])
        m["memory"] = self.memory()
        m["current"] = None
        if self.chance(0.15):
            m["current"] = ("MiB", self.pick([256, 384, 512, 1024]))
        m["vcpu"] = r.randint(1, 8)

        # iothreads
        m["iothreads"] = None
        m["iothreadids"] = []
        if self.chance(0.45):
            count = r.randint(0, 6)
            ids = []
            style = self.pick(["count", "full", "partial", "partial", "sparse"])
            if style == "full":
                ids = list(range(1, count + 1))
                r.shuffle(ids) if self.chance(0.3) else None
            elif style == "partial":
                ids = sorted(r.sample(range(1, 10), r.randint(1, 3)))
                if self.chance(0.3):
                    r.shuffle(ids)
            elif style == "sparse":
                ids = r.sample(range(1, 12), r.randint(1, 4))
            m["iothreads"] = count if (count or not ids or self.chance(0.5)) else None
            entries = []
            for i in ids:
                e = {"id": i}
                if self.chance(0.25):
                    lo = r.randint(0, 4)
                    hi = max(1, lo + r.randint(0, 8))
                    roll = r.random()
                    if roll < 0.55:
                        e["min"] = lo
                        e["max"] = hi
                    elif roll < 0.9:
                        e["max"] = hi
                    elif roll < 0.95:
                        e["min"] = lo      # min without max: libvirt 9.0 refuses it
                    else:
                        e["max"] = 0       # max 0: refused ("must be a positive integer")
                entries.append(e)
            m["iothreadids"] = entries
            if m["iothreads"] is None and not entries:
                m["iothreads"] = 1
        # effective ids, libvirt's rule: explicit ones, then lowest free up to count
        eff = [e["id"] for e in m["iothreadids"]]
        count = max(m["iothreads"] or 0, len(eff))
        n = 1
        while len(eff) < count:
            if n not in eff:
                eff.append(n)
            n += 1
        m["iothread_ids"] = eff

        # boot style
        m["boot"] = self.pick(["none", "none", "order", "os"])
        m["os_boot"] = []
        if m["boot"] == "os":
            m["os_boot"] = self.pick([["hd"], ["cdrom", "hd"], ["hd", "cdrom"], ["cdrom"], ["network", "hd"]])

        # pci slots on pc
        self.free_slots = list(range(3, 31))
        r.shuffle(self.free_slots)

        # controllers
        ctrls = []
        nscsi = self.pick([0, 0, 1, 1, 1, 2, 2, 3, 4])
        scsi_idx = sorted(r.sample(range(0, 5), nscsi)) if nscsi else []
        if nscsi and self.chance(0.7) and 0 not in scsi_idx:
            scsi_idx[0] = 0
            scsi_idx = sorted(set(scsi_idx))
        for idx in scsi_idx:
            model = self.pick(SCSI_MODELS + ["virtio-scsi", "virtio-scsi"])
            c = {"type": "scsi", "index": idx, "model": model, "driver": {}}
            if model == "virtio-scsi" and self.chance(0.5):
                d = c["driver"]
                if eff and self.chance(0.5):
                    d["iothread"] = self.pick(eff)
                if self.chance(0.35):
                    d["queues"] = r.randint(1, 8)
                if self.chance(0.25):
                    d["cmd_per_lun"] = self.pick([1, 16, 32, 128])
                if self.chance(0.25):
                    d["max_sectors"] = self.pick([512, 1024, 4096, 65535])
                if self.chance(0.25):
                    d["ioeventfd"] = self.pick(["on", "off"])
            self.maybe_pci(c, 0.25)
            ctrls.append(c)
        nsata = self.pick([0, 0, 0, 1, 1, 2])
        for idx in sorted(r.sample(range(0, 3), nsata)):
            c = {"type": "sata", "index": idx, "model": None, "driver": {}}
            if not (not m["pc"] and idx == 0):
                self.maybe_pci(c, 0.25)
            ctrls.append(c)
        m["usb"] = None
        if self.chance(0.35):
            usb = self.pick(["none", "qemu-xhci", "piix3-uhci"])
            c = {"type": "usb", "index": 0, "model": usb, "driver": {}}
            if usb != "none":
                # piix3-uhci must sit at 0:0:1.2 on pc (libvirt refuses other slots): rarely
                self.maybe_pci(c, 0.3 if usb == "qemu-xhci" else 0.05)
            ctrls.append(c)
        if self.chance(0.5):
            r.shuffle(ctrls)
        m["controllers"] = ctrls
        m["scsi_models"] = {c["index"]: c["model"] for c in ctrls if c["type"] == "scsi"}

        # disks
        m["disks"] = self.disks()

        # boot orders
        if m["boot"] == "order":
            chosen = [d for d in m["disks"] if self.chance(0.5)] or [m["disks"][0]]
            orders = r.sample(range(1, len(chosen) + 5), len(chosen))
            for d, o in zip(chosen, orders):
                d["boot"] = o

        # interface
        m["iface"] = None
        if self.chance(0.2):
            m["iface"] = {"model": self.pick(["virtio", "e1000"]),
                          "mac": "52:54:00:%02x:%02x:%02x" % (self.seed % 256, self.index % 256, r.randint(0, 255)),
                          "pci": None}
            if m["pc"] and self.chance(0.25):
                m["iface"]["pci"] = self.free_slots.pop()
        m["balloon_none"] = self.chance(0.25)
        m["balloon_pci"] = None
        if not m["balloon_none"] and m["pc"] and self.chance(0.1):
            m["balloon_pci"] = self.free_slots.pop()

        if self.invalid:
            self.mutate()
        return m

    def memory(self):
        r = self.r
        mib = self.pick([256, 384, 512, 512, 768, 1024, 1536, 2048, 3072, 4096])
        unit = self.pick(["MiB", "MiB", "KiB", "k", "M", "G", "GiB", "b", "bytes", "KB", "MB", None])
        if unit in ("G", "GiB"):
            gib = self.pick([1, 2, 3, 4])
            return (unit, gib)
        if unit in ("KiB", "k", None):
            return (unit, mib * 1024)
        if unit in ("b", "bytes"):
            return (unit, mib * 1024 * 1024)
        if unit == "KB":
            # decimal kilobytes: not always a whole number of MiB
            return (unit, self.pick([mib * 1024 * 1024 // 1000, 1000000, 524288]))
        if unit == "MB":
            return (unit, self.pick([500, 1000, 2000, mib]))
        return (unit, mib)

    def maybe_pci(self, dev, p):
        if self.m["pc"] and self.chance(p) and self.free_slots:
            dev["pci"] = self.free_slots.pop()
        else:
            dev.setdefault("pci", None)

    def disks(self):
        r = self.r
        m = self.m
        ndisks = r.randint(1, 12)
        buses = ["virtio", "virtio", "scsi", "scsi", "sata"] + (["ide"] if m["pc"] else [])
        used_names = set()
        # per-bus index pools (scsi and sata share 'sd')
        disks = []
        ide_count = 0
        for k in range(ndisks):
            bus = self.pick(buses)
            if bus == "ide" and ide_count >= 4:
                bus = "virtio"
            if bus == "ide":
                ide_count += 1
            d = {"bus": bus, "k": k, "pci": None, "addr": None, "boot": None}
            # device
            roll = r.random()
            if bus in ("sata", "ide", "scsi") and roll < 0.22:
                d["device"] = "cdrom"
            elif bus == "scsi" and roll < 0.32:
                d["device"] = "lun"
            else:
                d["device"] = "disk"
            d["type"] = "block" if d["device"] == "lun" or (d["device"] == "disk" and self.chance(0.15)) else "file"
            d["format"] = "raw" if d["device"] in ("cdrom", "lun") else self.pick(["raw", "qcow2", "qcow2"])
            d["empty"] = d["device"] == "cdrom" and self.chance(0.35)
            d["cache"] = self.pick(CACHES + [None])
            io_choices = ["threads", "io_uring", None, None]
            if d["cache"] in ("none", "directsync"):
                io_choices.append("native")
                io_choices.append("native")
            d["io"] = self.pick(io_choices)
            d["discard"] = self.pick(["unmap", "ignore", None, None]) if self.chance(0.35) else None
            d["detect_zeroes"] = self.pick(["off", "on", "unmap"]) if self.chance(0.3) else None
            d["readonly"] = d["device"] == "cdrom" and self.chance(0.6) or (
                d["device"] == "disk" and bus in ("virtio", "scsi") and self.chance(0.05))
            d["shareable"] = d["format"] == "raw" and d["device"] != "cdrom" and self.chance(0.12)
            d["serial"] = None
            if d["device"] != "lun" and self.chance(0.25):
                d["serial"] = self.pick(["S%04d" % r.randint(0, 9999), "disk-%d" % k,
                                         "WD WX%d" % r.randint(10, 99), "QM0000%d" % k, "a.b_c+%d" % k])
            d["wwn"] = None
            if bus in ("scsi", "ide") and d["device"] != "lun" and self.chance(0.2):
                w = "5000c500%08x" % r.getrandbits(32)
                d["wwn"] = ("0x" + w) if self.chance(0.3) else w
            d["vendor"] = d["product"] = None
            if bus == "scsi" and d["device"] != "lun" and self.chance(0.2):
                if self.chance(0.7):
                    d["vendor"] = self.pick(["DOMXML", "ACME", "QEMU", "HP CORP"])
                if self.chance(0.7):
                    d["product"] = self.pick(["Virtual SSD", "DISK", "CD-ROM X", "P%d" % k])
            d["rotation"] = None
            if bus in ("scsi", "ide", "sata") and d["device"] == "disk" and self.chance(0.2):
                d["rotation"] = self.pick([1, 5400, 7200, 10000, 15000])
            d["queues"] = d["ioeventfd"] = d["iothread"] = None
            if bus == "virtio":
                if self.chance(0.2):
                    d["queues"] = r.randint(1, 8)
                if self.chance(0.15):
                    d["ioeventfd"] = self.pick(["on", "off"])
                if m["iothread_ids"] and self.chance(0.5):
                    d["iothread"] = self.pick(m["iothread_ids"])
                if m["pc"] and self.chance(0.2):
                    d["pci"] = self.free_slots.pop() if self.free_slots else None
            disks.append(d)
        # target names: sequential by default, sometimes sparse
        seq = {"vd": 0, "sd": 0, "hd": 0}
        sparse = self.chance(0.3)
        for d in disks:
            prefix = {"virtio": "vd", "scsi": "sd", "sata": "sd", "ide": "hd"}[d["bus"]]
            if d["bus"] == "ide":
                free = [i for i in range(4) if dev_name("hd", i) not in used_names]
                idx = self.pick(free) if sparse else free[0]
            elif sparse and self.chance(0.4):
                cand = self.pick([10, 25, 26, 7, 13, 20, 27, 30]) + r.randint(0, 3)
                if d["bus"] == "sata" and cand >= 18:
                    cand = cand % 18
                idx = cand
                while dev_name(prefix, idx) in used_names:
                    idx += 1
            else:
                idx = seq[prefix]
                while dev_name(prefix, idx) in used_names:
                    idx += 1
                seq[prefix] = idx + 1
            d["dev"] = dev_name(prefix, idx)
            d["idx"] = idx
            used_names.add(d["dev"])
        # drive addresses: explicit for some, auto for others; avoid collisions
        taken = {"scsi": set(), "sata": set(), "ide": set()}
        autos = []
        for d in disks:
            if d["bus"] == "virtio":
                continue
            if self.chance(0.4):
                d["addr"] = "explicit"
            else:
                autos.append(d)
                taken[d["bus"]].add(self.auto_addr(d))
        for d in disks:
            if d["addr"] != "explicit":
                continue
            for _ in range(40):
                a = self.rand_addr(d)
                if a is not None and a not in taken[d["bus"]]:
                    break
            else:
                a = None
            if a is None:
                d["addr"] = None
                a = self.auto_addr(d)
                if a in taken[d["bus"]]:
                    # give up: rename would be complex, so drop the disk
                    d["drop"] = True
                    continue
            else:
                d["addr"] = a
            taken[d["bus"]].add(a)
        disks = [d for d in disks if not d.get("drop")]
        if self.chance(0.5):
            r.shuffle(disks)
        return disks

    def auto_addr(self, d):
        i = d["idx"]
        if d["bus"] == "scsi":
            return (i // 7, 0, 0, i % 7)
        if d["bus"] == "sata":
            return (i // 6, 0, 0, i % 6)
        if d["bus"] == "ide":
            return (i // 4, (i % 4) // 2, 0, i % 2)

    def rand_addr(self, d):
        r = self.r
        if d["bus"] == "ide":
            return (0, r.randint(0, 1), 0, r.randint(0, 1))
        if d["bus"] == "sata":
            return (r.randint(0, 2), 0, 0, r.randint(0, 5))
        # scsi
        ctrls = list(self.m["scsi_models"].keys())
        c = self.pick(ctrls) if ctrls and self.chance(0.8) else r.randint(0, 4)
        model = self.m["scsi_models"].get(c, "lsilogic")
        if model == "virtio-scsi":
            return (c, 0, self.pick([0, 0, 0, 1, 2, 5]), self.pick([0, 0, 1, 2, 3, 7, 12]))
        return (c, 0, 0, r.randint(0, 6))

    # ---------------------------------------------------------------- mutations
    def mutate(self):
        r = self.r
        m = self.m
        disks = m["disks"]
        opts = []

        def by(pred):
            return [d for d in disks if pred(d)]

        if by(lambda d: d["device"] != "cdrom" or True):
            opts.append("io-native-bad-cache")
        if by(lambda d: d["bus"] == "virtio"):
            opts += ["cdrom-on-virtio", "virtio-iothread-undefined", "rotation-on-virtio",
                     "wwn-on-virtio", "virtio-drive-address", "vendor-on-virtio"]
        if by(lambda d: d["bus"] == "sata"):
            opts += ["lun-on-sata", "iothread-on-sata", "readonly-sata-disk", "wwn-on-sata",
                     "sata-bus-1", "ioeventfd-on-sata"]
        if by(lambda d: d["bus"] == "scsi"):
            opts += ["iothread-on-scsi", "scsi-drive-bus-1", "scsi-pci-address", "queues-on-scsi-disk"]
        if by(lambda d: d["bus"] == "ide"):
            opts += ["readonly-ide-disk", "product-on-ide", "ide-index-4"]
        if by(lambda d: d["device"] == "lun"):
            opts.append("serial-on-lun")
        if len(disks) >= 2:
            opts += ["duplicate-target", "duplicate-boot-order"]
        opts += ["shareable-qcow2", "boot-order-with-os-boot", "iothread-id-zero",
                 "duplicate-iothread-id", "iothread-pool-min-above-max",
                 "duplicate-scsi-controller-index", "controller-iothread-undefined",
                 "iothread-on-lsilogic", "queues-on-lsilogic", "cmd-per-lun-on-lsisas1068",
                 "max-sectors-on-vmpvscsi", "ioeventfd-on-lsisas1078", "lsilogic-target-1"]
        if not m["pc"]:
            opts.append("ide-on-q35")
        if m["pc"] and len(by(lambda d: d["bus"] == "virtio")) >= 2:
            opts.append("pci-slot-conflict")
        mut = self.pick(opts)
        self.mutation = mut

        def one(pred):
            return self.pick(by(pred))

        def fresh_disk(bus, dev, device="disk"):
            d = {"bus": bus, "k": len(disks), "pci": None, "addr": None, "boot": None,
                 "device": device, "type": "file", "format": "raw", "empty": False,
                 "cache": None, "io": None, "discard": None, "detect_zeroes": None,
                 "readonly": False, "shareable": False, "serial": None, "wwn": None,
                 "vendor": None, "product": None, "rotation": None, "queues": None,
                 "ioeventfd": None, "iothread": None, "dev": dev, "idx": 0}
            disks.append(d)
            return d

        names = {d["dev"] for d in disks}

        def free_name(prefix, start=0):
            i = start
            while dev_name(prefix, i) in names:
                i += 1
            names.add(dev_name(prefix, i))
            return dev_name(prefix, i), i

        def scsi_ctrl(model, **drv):
            idxs = {c["index"] for c in m["controllers"] if c["type"] == "scsi"}
            i = 0
            while i in idxs:
                i += 1
            c = {"type": "scsi", "index": i, "model": model, "driver": dict(drv), "pci": None}
            m["controllers"].append(c)
            return c

        if mut == "io-native-bad-cache":
            d = self.pick(disks)
            d["cache"] = self.pick(["writeback", "writethrough", "unsafe"])
            d["io"] = "native"
            if d["empty"]:
                d["empty"] = False
        elif mut == "cdrom-on-virtio":
            d = one(lambda d: d["bus"] == "virtio")
            d.update(device="cdrom", format="raw", readonly=True, iothread=None, shareable=False)
        elif mut == "virtio-iothread-undefined":
            d = one(lambda d: d["bus"] == "virtio")
            d["iothread"] = max(m["iothread_ids"] + [0]) + r.randint(1, 3)
        elif mut == "rotation-on-virtio":
            one(lambda d: d["bus"] == "virtio")["rotation"] = 7200
        elif mut == "wwn-on-virtio":
            one(lambda d: d["bus"] == "virtio")["wwn"] = "5000c50015ea71ad"
        elif mut == "vendor-on-virtio":
            one(lambda d: d["bus"] == "virtio")["vendor"] = "ACME"
        elif mut == "virtio-drive-address":
            d = one(lambda d: d["bus"] == "virtio")
            d["pci"] = None
            d["addr"] = (0, 0, 0, 5)
        elif mut == "lun-on-sata":
            d = one(lambda d: d["bus"] == "sata")
            d.update(device="lun", type="block", format="raw", empty=False, serial=None)
        elif mut == "iothread-on-sata":
            one(lambda d: d["bus"] == "sata")["iothread"] = 1
            self.ensure_iothreads()
        elif mut == "iothread-on-scsi":
            one(lambda d: d["bus"] == "scsi")["iothread"] = 1
            self.ensure_iothreads()
        elif mut == "readonly-sata-disk":
            d = one(lambda d: d["bus"] == "sata")
            d.update(device="disk", readonly=True, empty=False)
        elif mut == "readonly-ide-disk":
            d = one(lambda d: d["bus"] == "ide")
            d.update(device="disk", readonly=True, empty=False)
        elif mut == "wwn-on-sata":
            one(lambda d: d["bus"] == "sata")["wwn"] = "5000c50015ea71ae"
        elif mut == "sata-bus-1":
            d = one(lambda d: d["bus"] == "sata")
            d["addr"] = (0, 1, 0, 0)
        elif mut == "ioeventfd-on-sata":
            one(lambda d: d["bus"] == "sata")["ioeventfd"] = "on"
        elif mut == "scsi-drive-bus-1":
            d = one(lambda d: d["bus"] == "scsi")
            c = d["addr"][0] if isinstance(d["addr"], tuple) else d["idx"] // 7
            d["addr"] = (c, 1, 0, 0)
        elif mut == "scsi-pci-address":
            d = one(lambda d: d["bus"] == "scsi")
            d["addr"] = None
            d["pci"] = 29 if m["pc"] else None
            d["pci_forced"] = True
        elif mut == "queues-on-scsi-disk":
            one(lambda d: d["bus"] == "scsi")["queues"] = 2
        elif mut == "product-on-ide":
            one(lambda d: d["bus"] == "ide")["product"] = "DISK"
        elif mut == "ide-index-4":
            name, idx = free_name("hd", 4)
            nd = fresh_disk("ide", name)
            nd["idx"] = idx
        elif mut == "serial-on-lun":
            one(lambda d: d["device"] == "lun")["serial"] = "LUN0"
        elif mut == "duplicate-target":
            a, b = r.sample(disks, 2)
            b["bus"] = a["bus"]
            b["dev"] = a["dev"]
            b["addr"] = None
            b["pci"] = None
            b["iothread"] = a["iothread"] if a["bus"] == "virtio" else None
            for k in ("wwn", "vendor", "product", "rotation", "queues", "ioeventfd"):
                b[k] = a[k]
            if b["device"] == "lun" and b["bus"] != "scsi" or b["device"] == "cdrom" and b["bus"] == "virtio":
                b.update(device="disk", type="file", empty=False)
        elif mut == "duplicate-boot-order":
            m["boot"] = "order"
            m["os_boot"] = []
            a, b = r.sample(disks, 2)
            a["boot"] = b["boot"] = 1
        elif mut == "shareable-qcow2":
            d = self.pick(disks)
            d.update(format="qcow2", shareable=True, empty=False)
            if d["device"] != "disk":
                d.update(device="disk", type="file", readonly=False)
        elif mut == "boot-order-with-os-boot":
            m["boot"] = "order"
            m["os_boot"] = ["hd"]
            self.pick(disks)["boot"] = 1
            m["boot"] = "both"
        elif mut == "iothread-id-zero":
            m["iothreadids"] = [{"id": 0}] + [e for e in m["iothreadids"]]
            m["iothreads"] = max(m["iothreads"] or 0, len(m["iothreadids"]))
        elif mut == "duplicate-iothread-id":
            if not m["iothreadids"]:
                m["iothreadids"] = [{"id": 2}]
            m["iothreadids"].append({"id": m["iothreadids"][0]["id"]})
            m["iothreads"] = max(m["iothreads"] or 0, len(m["iothreadids"]))
        elif mut == "iothread-pool-min-above-max":
            if not m["iothreadids"]:
                m["iothreadids"] = [{"id": 1}]
                m["iothreads"] = max(m["iothreads"] or 0, 1)
            m["iothreadids"][0].update(min=8, max=2)
        elif mut == "duplicate-scsi-controller-index":
            scsi = [c for c in m["controllers"] if c["type"] == "scsi"]
            if scsi:
                c = self.pick(scsi)
                m["controllers"].append({"type": "scsi", "index": c["index"], "model": "lsilogic",
                                         "driver": {}, "pci": None})
            else:
                for _ in range(2):
                    m["controllers"].append({"type": "scsi", "index": 0, "model": "virtio-scsi",
                                             "driver": {}, "pci": None})
        elif mut == "controller-iothread-undefined":
            scsi_ctrl("virtio-scsi", iothread=max(m["iothread_ids"] + [0]) + 1)
        elif mut == "iothread-on-lsilogic":
            self.ensure_iothreads()
            scsi_ctrl("lsilogic", iothread=1)
        elif mut == "queues-on-lsilogic":
            scsi_ctrl("lsilogic", queues=2)
        elif mut == "cmd-per-lun-on-lsisas1068":
            scsi_ctrl("lsisas1068", cmd_per_lun=16)
        elif mut == "max-sectors-on-vmpvscsi":
            scsi_ctrl("vmpvscsi", max_sectors=512)
        elif mut == "ioeventfd-on-lsisas1078":
            scsi_ctrl("lsisas1078", ioeventfd="on")
        elif mut == "lsilogic-target-1":
            c = scsi_ctrl("lsilogic")
            name, idx = free_name("sd", 0)
            nd = fresh_disk("scsi", name)
            nd["idx"] = idx
            nd["addr"] = (c["index"], 0, 1, 0)
        elif mut == "ide-on-q35":
            name, idx = free_name("hd", 0)
            nd = fresh_disk("ide", name, device=self.pick(["disk", "cdrom"]))
            nd["idx"] = idx
        elif mut == "pci-slot-conflict":
            vs = by(lambda d: d["bus"] == "virtio")
            a, b = r.sample(vs, 2)
            slot = a["pci"] or b["pci"] or 30
            a["pci"] = b["pci"] = slot

    def ensure_iothreads(self):
        m = self.m
        if 1 not in m["iothread_ids"]:
            if m["iothreadids"]:
                m["iothreadids"].append({"id": 1})
            else:
                m["iothreads"] = max(m["iothreads"] or 0, 1)
            m["iothread_ids"].append(1)

    # ---------------------------------------------------------------- XML
    def xml(self):
        m = self.m
        L = []
        a = L.append
        a("<domain type='qemu'>")
        a("  <!-- %s -->" % ("invalid: " + self.mutation if self.mutation else "valid"))
        a("  <name>%s</name>" % self.name)
        a("  <uuid>%s</uuid>" % self.uuid)
        unit, val = m["memory"]
        a("  <memory%s>%d</memory>" % ("" if unit is None else " unit='%s'" % unit, val))
        if m["current"]:
            a("  <currentMemory unit='%s'>%d</currentMemory>" % m["current"])
        a("  <vcpu placement='static'>%d</vcpu>" % m["vcpu"])
        if m["iothreads"] is not None:
            a("  <iothreads>%d</iothreads>" % m["iothreads"])
        if m["iothreadids"]:
            a("  <iothreadids>")
            for e in m["iothreadids"]:
                extra = ""
                if "min" in e:
                    extra += " thread_pool_min='%d'" % e["min"]
                if "max" in e:
                    extra += " thread_pool_max='%d'" % e["max"]
                a("    <iothread id='%d'%s/>" % (e["id"], extra))
            a("  </iothreadids>")
        a("  <os>")
        a("    <type arch='x86_64' machine='%s'>hvm</type>" % m["machine"])
        for b in m["os_boot"]:
            a("    <boot dev='%s'/>" % b)
        a("  </os>")
        a("  <on_poweroff>destroy</on_poweroff>")
        a("  <devices>")
        a("    <emulator>/usr/bin/qemu-system-x86_64</emulator>")
        disks_first = self.chance(0.3)
        ctrl_xml = []
        for c in m["controllers"]:
            ctrl_xml += self.controller_xml(c)
        disk_xml = []
        for d in m["disks"]:
            disk_xml += self.disk_xml(d)
        if disks_first:
            L += disk_xml + ctrl_xml
        else:
            L += ctrl_xml + disk_xml
        if m["iface"]:
            i = m["iface"]
            a("    <interface type='user'>")
            a("      <mac address='%s'/>" % i["mac"])
            a("      <model type='%s'/>" % i["model"])
            if i["pci"]:
                a("      " + pci(i["pci"]))
            a("    </interface>")
        if m["balloon_none"]:
            a("    <memballoon model='none'/>")
        elif m["balloon_pci"]:
            a("    <memballoon model='virtio'>")
            a("      " + pci(m["balloon_pci"]))
            a("    </memballoon>")
        a("  </devices>")
        a("</domain>")
        return "\n".join(L) + "\n"

    def controller_xml(self, c):
        attrs = "type='%s' index='%d'" % (c["type"], c["index"])
        if c["model"]:
            attrs += " model='%s'" % c["model"]
        inner = []
        if c["driver"]:
            order = ["queues", "cmd_per_lun", "max_sectors", "ioeventfd", "iothread"]
            inner.append("      <driver %s/>" % " ".join(
                "%s='%s'" % (k, c["driver"][k]) for k in order if k in c["driver"]))
        if c.get("pci"):
            inner.append("      " + pci(c["pci"]))
        if not inner:
            return ["    <controller %s/>" % attrs]
        return ["    <controller %s>" % attrs] + inner + ["    </controller>"]

    def disk_xml(self, d):
        n = self.name
        out = []
        a = out.append
        a("    <disk type='%s' device='%s'>" % (d["type"], d["device"]))
        drv = "name='qemu' type='%s'" % d["format"]
        for key, attr in (("cache", "cache"), ("io", "io"), ("discard", "discard"),
                          ("detect_zeroes", "detect_zeroes"), ("queues", "queues"),
                          ("ioeventfd", "ioeventfd"), ("iothread", "iothread")):
            if d.get(key) is not None:
                drv += " %s='%s'" % (attr, d[key])
        a("      <driver %s/>" % drv)
        if not d["empty"]:
            ext = {"raw": "raw", "qcow2": "qcow2"}[d["format"]]
            if d["device"] == "cdrom":
                ext = "iso"
            path = "%s/%s-%d.%s" % (DISK_DIR, n, d["k"], ext)
            if d["type"] == "block":
                a("      <source dev='%s'/>" % path)
            else:
                a("      <source file='%s'/>" % path)
        rot = " rotation_rate='%d'" % d["rotation"] if d["rotation"] else ""
        a("      <target dev='%s' bus='%s'%s/>" % (d["dev"], d["bus"], rot))
        if d["boot"] is not None:
            a("      <boot order='%d'/>" % d["boot"])
        if d["readonly"]:
            a("      <readonly/>")
        if d["shareable"]:
            a("      <shareable/>")
        if d["serial"]:
            a("      <serial>%s</serial>" % d["serial"])
        if d["wwn"]:
            a("      <wwn>%s</wwn>" % d["wwn"])
        if d["vendor"]:
            a("      <vendor>%s</vendor>" % d["vendor"])
        if d["product"]:
            a("      <product>%s</product>" % d["product"])
        if isinstance(d["addr"], tuple):
            a("      <address type='drive' controller='%d' bus='%d' target='%d' unit='%d'/>" % d["addr"])
        elif d.get("pci"):
            a("      " + pci(d["pci"]))
        elif d.get("pci_forced"):
            a("      <address type='pci' domain='0x0000' bus='0x00' slot='0x1d' function='0x0'/>")
        a("    </disk>")
        return out


def pci(slot):
    return "<address type='pci' domain='0x0000' bus='0x00' slot='0x%02x' function='0x0'/>" % slot


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--invalid-rate", type=float, default=0.15)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.count):
        g = Gen(args.seed, i, args.invalid_rate)
        g.build()
        path = os.path.join(args.out, g.name + ".xml")
        with open(path, "w") as f:
            f.write(g.xml())
    print("%s: %d domains (seed %d)" % (args.out, args.count, args.seed))


if __name__ == "__main__":
    main()
