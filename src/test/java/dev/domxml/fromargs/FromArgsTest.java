package dev.domxml.fromargs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.binding.Controller;
import dev.domxml.binding.Disk;
import dev.domxml.binding.Domain;
import dev.domxml.report.Diagnostic;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class FromArgsTest {
    private static final Path KVM_ARGS = Path.of("src/test/resources/kvm-args");
    private static final Path SEEDS = Path.of("src/test/resources/corpus/libvirt-9.0");

    private static FromArgs.Result convert(String name) throws Exception {
        return FromArgs.convert(Files.readString(KVM_ARGS.resolve(name)), name);
    }

    private static Domain domain(String xml) throws Exception {
        return DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "from-args.xml").domain();
    }

    /** What the seed issue is about, as text: controllers with their iothreads, disks with source and driver. */
    private static List<String> storage(Domain d) {
        List<String> out = new java.util.ArrayList<>();
        out.add("iothreads " + Objects.requireNonNullElse(d.iothreads, "0"));
        for (Controller c : d.devices.controllers) {
            if (Objects.equals(c.type, "scsi")) {
                out.add("controller scsi " + c.index + " " + c.model + " iothread="
                        + (c.driver == null ? null : c.driver.iothread));
            }
        }
        for (Disk disk : d.devices.disks) {
            out.add("disk " + disk.type + " " + (disk.source.dev != null ? disk.source.dev : disk.source.file)
                    + " bus=" + disk.target.bus + " driver " + disk.driver.type + " cache=" + disk.driver.cache
                    + " io=" + disk.driver.io + " discard=" + disk.driver.discard + " detect_zeroes=" + disk.driver.detectZeroes
                    + " at " + disk.address.controller + ":" + disk.address.bus + ":" + disk.address.target + ":"
                    + disk.address.unit);
        }
        return out;
    }

    @Test
    void proxmoxVm701BecomesTheSeedDomainsStorage() throws Exception {
        Domain fromArgs = domain(convert("proxmox-vm701-virtio-scsi-pci.txt").xml());
        Domain seed = DomainReader.read(SEEDS.resolve("seed-vm701-no-iothread.xml")).domain();

        assertThat(storage(fromArgs)).isEqualTo(storage(seed)).containsExactly(
                "iothreads 0",
                "controller scsi 0 virtio-scsi iothread=null",
                "disk block /dev/zvol/nvmpool/data/vm-701-disk-1 bus=scsi driver raw cache=none io=io_uring discard=unmap"
                        + " detect_zeroes=unmap at 0:0:0:0",
                "disk block /dev/zvol/hddpool/data/vm-701-disk-1 bus=scsi driver raw cache=none io=io_uring discard=unmap"
                        + " detect_zeroes=unmap at 0:0:0:1",
                "disk block /dev/zvol/nvmpool/data/vm-701-disk-0 bus=scsi driver raw cache=none io=io_uring discard=unmap"
                        + " detect_zeroes=unmap at 0:0:0:2");
        assertThat(fromArgs.devices.disks).extracting(disk -> disk.target.rotationRate).containsExactly("1", null, "1");
    }

    @Test
    void proxmoxVm601BecomesTheSeedDomainsStorage() throws Exception {
        Domain fromArgs = domain(convert("proxmox-vm601-virtio-scsi-single.txt").xml());
        Domain seed = DomainReader.read(SEEDS.resolve("seed-vm601-iothread-single.xml")).domain();

        assertThat(storage(fromArgs)).isEqualTo(storage(seed)).contains(
                "iothreads 1",
                "controller scsi 0 virtio-scsi iothread=null",
                "controller scsi 1 virtio-scsi iothread=null",
                "controller scsi 2 virtio-scsi iothread=1");
    }

    @Test
    void theXmlIsIndentedDomainXmlThatDomxmlReadsBack() throws Exception {
        String xml = convert("proxmox-vm701-virtio-scsi-pci.txt").xml();

        assertThat(xml).startsWith("<domain type=\"qemu\">\n    <name>proxmox-vm701-virtio-scsi-pci</name>\n")
                .contains("\n        <disk type=\"block\" device=\"disk\">\n").endsWith("</domain>\n");
        assertThat(domain(xml).name).isEqualTo("proxmox-vm701-virtio-scsi-pci");
    }

    @Test
    void whatCouldNotBeConvertedIsListedAtTheEndOfTheXml() throws Exception {
        FromArgs.Result result = FromArgs.convert("""
                qemu-system-x86_64 -machine pc -m 1G -smp 1
                -no-reboot -device virtio-serial,id=ser0
                -drive file=/images/a.raw,format=raw,if=virtio
                """, "line.args");

        assertThat(result.xml()).endsWith("""
                </domain>
                <!-- Not converted (not in domxml's model):
                     -no-reboot
                     -device virtio-serial,id=ser0
                -->
                """);
        assertThat(result.warnings()).extracting(Diagnostic::ruleId).containsOnly("args-not-modelled");
    }

    @Test
    void whatDomainXmlCannotSayIsAWarningAtTheOption() throws Exception {
        FromArgs.Result result = FromArgs.convert("""
                /usr/bin/kvm -machine pc -m 1G -smp 1 -cpu kvm64,+lahf_lm,level=13
                -netdev tap,id=net0,ifname=tap601i0 -device virtio-net-pci,netdev=net0,id=net0,mac=bc:24:11:00:00:01
                -device virtio-scsi-pci,id=scsihw0
                -drive file=/dev/zvol/a,if=none,id=drive-scsi0,format=raw
                -device scsi-hd,bus=scsihw0.0,drive=drive-scsi0,id=scsi0
                """, "pve.args");

        assertThat(result.warnings()).extracting(d -> d.format("pve.args")).contains(
                "pve.args:1:1: warning: binary /usr/bin/kvm is not a qemu-system binary libvirt knows: the XML leaves the"
                        + " emulator to libvirt's default [args-xml]",
                "pve.args:1:39: warning: -cpu kvm64,+lahf_lm,level=13: CPU flags level=13 are not converted; the XML names model"
                        + " kvm64 [args-xml]",
                "pve.args:2:37: warning: -netdev tap (net0) of net0 becomes a user-mode interface: a command line cannot say"
                        + " which host network it was; edit <interface type='user'> to type='network' or 'bridge' [args-xml]",
                "pve.args:5:1: warning: SCSI device_id cannot be said in domain XML, libvirt derives it from the disk's"
                        + " address: scsi0 (drive-scsi0, libvirt: drive-scsi0-0-0-0) [args-xml]");
        assertThat(domain(result.xml()).cpu.features).as("a CPU flag in QEMU's older +flag spelling, in libvirt's name")
                .extracting(f -> f.policy + " " + f.name).containsExactly("require lahf_lm");
    }

    @Test
    void aLineWithNoBootindexKeepsLibvirtFromMakingOneUp() throws Exception {
        Domain d = domain(FromArgs.convert("-machine pc -m 1G -smp 1 -drive file=/a.raw,format=raw,if=virtio", "a.args").xml());

        assertThat(d.os.boots).singleElement().satisfies(b -> assertThat(b.dev).isEqualTo("fd"));
        assertThat(d.devices.disks.get(0).boot).isNull();
    }

    @Test
    void aDrivesErrorPolicyBecomesLibvirtsWhichReadsFollowUnlessTheyDiffer() throws Exception {
        Domain d = domain(FromArgs.convert("""
                -machine pc -m 1G -smp 1
                -drive file=/a.raw,format=raw,if=none,id=d0,werror=stop,rerror=stop
                -device virtio-blk-pci,drive=d0,id=v0
                -drive file=/b.raw,format=raw,if=none,id=d1,werror=enospc
                -device virtio-blk-pci,drive=d1,id=v1
                -drive file=/c.raw,format=raw,if=none,id=d2,werror=ignore
                -device virtio-blk-pci,drive=d2,id=v2
                -drive file=/d.raw,format=raw,if=none,id=d3,werror=auto,rerror=ignore
                -device virtio-blk-pci,drive=d3,id=v3
                """, "policies.args").xml());

        assertThat(d.devices.disks).extracting(disk -> disk.driver.errorPolicy + "/" + disk.driver.rerrorPolicy)
                .containsExactly("stop/null", "enospace/null", "ignore/report", "null/ignore");
    }

    @Test
    void aReadErrorPolicyOfEnospcIsRefusedAsQemuRefusesIt() {
        assertThatThrownBy(() -> FromArgs.convert(
                "-machine pc -m 1G -drive file=/a.raw,format=raw,if=none,id=d0,rerror=enospc -device virtio-blk-pci,drive=d0",
                "a.args"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("rerror='enospc' is not ignore, report, stop or auto");
    }

    @Test
    void blockSizesGeometryAndTheQcow2CacheComeBackAsDomainXml() throws Exception {
        Domain d = domain(FromArgs.convert("""
                -machine pc -m 1G -smp 1
                -drive file=/a.qcow2,format=qcow2,if=none,id=d0,cache-size=1048576
                -device ide-hd,bus=ide.0,unit=0,drive=d0,id=i0,logical_block_size=512,physical_block_size=4096,\
                cyls=1024,heads=16,secs=63,bios-chs-trans=lba
                """, "tuning.args").xml());

        Disk disk = d.devices.disks.get(0);
        assertThat(disk.blockio.logicalBlockSize + "/" + disk.blockio.physicalBlockSize).isEqualTo("512/4096");
        assertThat(List.of(disk.geometry.cyls, disk.geometry.heads, disk.geometry.secs, disk.geometry.trans))
                .containsExactly("1024", "16", "63", "lba");
        assertThat(disk.driver.metadataCache.maxSize.value).isEqualTo("1048576");
        assertThat(disk.driver.metadataCache.maxSize.unit).isEqualTo("bytes");
    }
}
