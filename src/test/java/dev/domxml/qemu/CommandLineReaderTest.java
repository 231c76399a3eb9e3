package dev.domxml.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.OutputFormat;
import dev.domxml.fromargs.FromArgs;
import dev.domxml.model.CacheFlags;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.IdeAddress;
import dev.domxml.model.IoThread;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.PciAddress;
import dev.domxml.model.PciBridge;
import dev.domxml.model.PrManager;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.Smp;
import dev.domxml.model.StorageController;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.VirtualMachine;
import dev.domxml.report.Diagnostic;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CommandLineReaderTest {
    private static final Path KVM_ARGS = Path.of("src/test/resources/kvm-args");

    private static CommandLineReader.Result read(String text) throws InputException {
        return CommandLineReader.read(text, "line.args");
    }

    private static CommandLineReader.Result readFile(String name) throws Exception {
        return CommandLineReader.read(Files.readString(KVM_ARGS.resolve(name)), name);
    }

    private static List<String> messages(CommandLineReader.Result result) {
        return result.warnings().stream().map(d -> d.format("line.args")).toList();
    }

    @Test
    void proxmoxVm701SharesOneControllerAmongThreeDisks() throws Exception {
        CommandLineReader.Result result = readFile("proxmox-vm701-virtio-scsi-pci.txt");
        VirtualMachine vm = result.model();

        assertThat(vm.devicesOf(StorageController.class)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("scsihw0");
            assertThat(c.kind()).isEqualTo(StorageControllerKind.VIRTIO_SCSI);
            assertThat(c.iothread()).isEmpty();
            assertThat(c.address()).isEqualTo(PciAddress.of("pci.0", 5, 0));
        });
        List<DiskDevice> disks = vm.devicesOf(DiskDevice.class);
        assertThat(disks).extracting(DiskDevice::targetDev).containsExactly("sda", "sdb", "sdc");
        assertThat(disks).extracting(d -> d.protocolNode().orElseThrow().filename()).containsExactly(
                "/dev/zvol/nvmpool/data/vm-701-disk-1", "/dev/zvol/hddpool/data/vm-701-disk-1",
                "/dev/zvol/nvmpool/data/vm-701-disk-0");
        DiskDevice first = disks.get(0);
        assertThat(first.protocolNode().orElseThrow().driver()).isEqualTo("host_device");
        assertThat(first.protocolNode().orElseThrow().aio()).hasValue("io_uring");
        assertThat(first.formatNode().orElseThrow().cache()).hasValue(new CacheFlags(true, false));
        assertThat(first.formatNode().orElseThrow().discard()).hasValue("unmap");
        assertThat(first.formatNode().orElseThrow().detectZeroes()).hasValue("unmap");
        assertThat(first.frontend().address()).isEqualTo(new ScsiAddress("scsihw0.0", OptionalInt.of(0), 0, OptionalInt.of(0)));
        assertThat(first.frontend().writeCache()).hasValue(true);
        assertThat(first.frontend().bootIndex()).hasValue(100);
        assertThat(first.frontend().rotationRate()).hasValue(1);
        assertThat(disks).extracting(d -> ((ScsiAddress) d.frontend().address()).lun().getAsInt()).containsExactly(0, 1, 2);
        assertThat(result.sources().of("scsihw0")).hasValueSatisfying(p -> assertThat(p).hasToString(
                "proxmox-vm701-virtio-scsi-pci.txt:1:1"));
    }

    @Test
    void proxmoxVm601HasAControllerPerDiskAndOneIothread() throws Exception {
        CommandLineReader.Result result = readFile("proxmox-vm601-virtio-scsi-single.txt");
        VirtualMachine vm = result.model();

        assertThat(vm.iothreads()).containsExactly(IoThread.named("iothread-virtioscsi2"));
        assertThat(vm.devicesOf(StorageController.class)).extracting(StorageController::id, StorageController::iothread)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("virtioscsi0", Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("virtioscsi1", Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("virtioscsi2", Optional.of("iothread-virtioscsi2")));
        assertThat(vm.devicesOf(DiskDevice.class)).extracting(d -> ((ScsiAddress) d.frontend().address()).bus())
                .containsExactly("virtioscsi0.0", "virtioscsi1.0", "virtioscsi2.0");
        assertThat(vm.devicesOf(PciBridge.class)).singleElement()
                .isEqualTo(new PciBridge("pci.3", "pci-bridge", 3, PciAddress.of("pci.0", 5, 0)));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w.message())
                .startsWith("bus pci.3 is not defined on this command line: assuming a pci-bridge"));
    }

    /**
     * A line written by hand in the -drive/-device form and the line {@code to-args --style=legacy} writes
     * for the domain XML {@code from-args} made of it describe one guest: one model.
     */
    @Test
    void aHandWrittenLegacyLineAndItsToArgsTwinGiveTheSameModel() throws Exception {
        String handWritten = Files.readString(KVM_ARGS.resolve("hand-written-legacy.args"));
        String xml = FromArgs.convert(handWritten, "hand-written-legacy.args").xml();
        VirtualMachine fromXml = DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "twin.xml"))
                .model().orElseThrow();
        String twin = OutputFormat.LINES.render(ArgsWriter.forStyle(ArgsStyle.LEGACY).write(fromXml, ArgsOptions.defaults()));

        VirtualMachine handModel = CommandLineReader.read(handWritten, "hand-written-legacy.args").model();
        VirtualMachine twinModel = CommandLineReader.read(twin, "twin.args").model();

        assertThat(twin).isNotEqualTo(handWritten).contains("-drive file=/var/lib/images/data,,2024.qcow2,format=qcow2");
        assertThat(twinModel).isEqualTo(handModel);
    }

    @Test
    void driveShorthandsBecomeTheirDevices() throws Exception {
        VirtualMachine vm = read("""
                qemu-system-x86_64 -machine pc -m 1G -smp 2
                -drive file=/images/root.qcow2,if=virtio,format=qcow2,cache=none,aio=native
                -drive file=/images/data.raw,if=scsi,format=raw,unit=3
                -drive file=/images/install.iso,media=cdrom
                """).model();

        List<DiskDevice> disks = vm.devicesOf(DiskDevice.class);
        assertThat(disks).extracting(d -> d.frontend().driver()).containsExactly("virtio-blk-pci", "scsi-hd", "ide-cd");
        assertThat(disks).extracting(DiskDevice::targetDev).containsExactly("vda", "sdd", "hda");
        assertThat(disks.get(0).frontend().writeCache()).as("cache=none means a write cache in the guest").hasValue(true);
        assertThat(disks.get(0).nodes()).extracting(n -> n.nodeName()).containsExactly("libvirt-3-storage", "libvirt-3-format");
        assertThat(disks.get(1).frontend().address()).isEqualTo(new ScsiAddress("scsi0.0", OptionalInt.empty(), 3, OptionalInt.empty()));
        assertThat(disks.get(2).frontend().address()).isEqualTo(new IdeAddress("ide.0", OptionalInt.of(0)));
        assertThat(disks.get(2).formatNode().orElseThrow().readOnly()).isTrue();
        assertThat(vm.devicesOf(StorageController.class)).singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(StorageControllerKind.LSI));
    }

    @Test
    void aKeyValueBlockdevChainIsReadLikeLibvirtsJson() throws Exception {
        VirtualMachine vm = read("""
                -object iothread,id=io1
                -blockdev driver=host_device,node-name=f0,filename=/dev/vg/db,aio=native,cache.direct=on
                -blockdev driver=raw,node-name=d0,file=f0,cache.direct=on,discard=unmap
                -device virtio-blk-pci,drive=d0,iothread=io1,num-queues=4
                """).model();

        DiskDevice disk = vm.devicesOf(DiskDevice.class).get(0);
        assertThat(disk.frontend().drive()).hasValue("d0");
        assertThat(disk.frontend().iothread()).hasValue("io1");
        assertThat(disk.frontend().numQueues()).hasValue(4);
        assertThat(disk.formatNode().orElseThrow().file()).isEqualTo("f0");
        assertThat(disk.protocolNode().orElseThrow().cache()).hasValue(new CacheFlags(true, false));
        assertThat(disk.frontend().address()).isEqualTo(PciAddress.of("pci.0", 2, 0));
    }

    @Test
    void topologyAndMemoryAreReadTheWaysQemuTakesThem() throws Exception {
        assertThat(read("-m 4G -smp 8,sockets=2,cores=4").model().smp())
                .isEqualTo(new Smp(8, 8, 2, OptionalInt.empty(), 4, 1));
        assertThat(read("-m 4G -smp 2,maxcpus=4").model().smp()).isEqualTo(new Smp(2, 4, 4, OptionalInt.empty(), 1, 1));
        assertThat(read("-m 4G -smp 4").model().memoryBytes()).isEqualTo(4L << 30);
        assertThat(read("-m size=1536 -smp 1").model().memoryBytes()).isEqualTo(1536L << 20);
        assertThat(read("-machine q35,accel=kvm -m 1G -smp 1").model().machine().family()).isEqualTo(MachineFamily.Q35);
        assertThat(read("-machine q35,accel=kvm -m 1G -smp 1").model().machine().accelerator()).isEqualTo("kvm");
    }

    @Test
    void optionsOutsideTheModelAreKeptAndReportedOncePerKind() throws Exception {
        CommandLineReader.Result result = read("""
                qemu-system-x86_64 -machine pc -m 1G -smp 1 -rtc base=utc -display none
                -global ICH9-LPC.noreboot=off
                -device virtio-serial,id=ser0 -device virtio-serial,id=ser1
                -device virtio-balloon-pci,id=balloon0,guest-stats-polling-interval=5
                """);

        assertThat(messages(result)).containsExactly(
                "line.args:2:1: warning: -global ICH9-LPC.noreboot=off is not in the model: left out"
                        + " [args-not-modelled]",
                "line.args:3:1: warning: -device virtio-serial is not in the model: left out (2 times) [args-not-modelled]",
                "line.args:4:1: warning: -device virtio-balloon-pci: guest-stats-polling-interval=5 is not in the model: left out"
                        + " [args-not-modelled]");
        assertThat(result.leftOut()).extracting(QemuOption::shortText).containsExactly(
                "-global ICH9-LPC.noreboot=off", "-device virtio-serial,id=ser0", "-device virtio-serial,id=ser1");
    }

    @Test
    void aDriveThatNamesNothingIsAnErrorAtItsOption() {
        assertThatThrownBy(() -> read("-device virtio-scsi-pci,id=scsi0\n  -device scsi-hd,bus=scsi0.0,drive=drive-scsi9"))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).oneLine()).isEqualTo("line.args:2:3: error: -device scsi-hd:"
                        + " drive=drive-scsi9 names no -drive id or -blockdev node-name"));
    }

    @Test
    void aDrivesPrManagerIsTheHelperObjectItNames() throws Exception {
        String line = """
                -object pr-manager-helper,id=helper1,path=/run/pr,,1.sock
                -object pr-manager-helper,id=spare,path=/run/spare.sock
                -device virtio-scsi-pci,id=scsi0
                -drive file=/dev/sdb,file.pr-manager=helper1,format=raw,if=none,id=d0
                -device scsi-block,bus=scsi0.0,drive=d0
                """;
        CommandLineReader.Result result = read(line);

        DiskDevice disk = result.model().devicesOf(DiskDevice.class).get(0);
        assertThat(disk.protocolNode().orElseThrow().prManager()).hasValue(new PrManager("helper1", "/run/pr,1.sock"));
        assertThat(messages(result)).anyMatch(m -> m.contains(
                "line.args:2:1: warning: -object pr-manager-helper spare is named by no disk's storage (pr-manager): left out"));
        assertThat(FromArgs.convert(line, "line.args").xml()).contains("<reservations managed=\"no\">",
                "<source type=\"unix\" path=\"/run/pr,1.sock\" mode=\"client\"/>");
    }

    @Test
    void aPrManagerThatNamesNoObjectIsAnError() {
        assertThatThrownBy(() -> read("""
                -device virtio-scsi-pci,id=scsi0
                -blockdev '{"driver":"host_device","filename":"/dev/sdb","pr-manager":"pr-helper0","node-name":"s"}'
                -blockdev '{"node-name":"f","driver":"raw","file":"s"}'
                -device scsi-block,bus=scsi0.0,drive=f
                """))
                .hasMessageContaining("pr-manager=pr-helper0 names no -object pr-manager-helper");
    }

    @Test
    void aBusWithNoControllerIsAnError() {
        assertThatThrownBy(() -> read("-drive if=none,id=d0,file=/a.raw,format=raw -device scsi-hd,bus=scsihw0.0,drive=d0"))
                .hasMessage("-device scsi-hd: bus=scsihw0.0 names no SCSI controller (a -device such as"
                        + " virtio-scsi-pci,id=scsihw0)");
        assertThatThrownBy(() -> read("-machine pc -device virtio-scsi-pci,id=scsi0,bus=pcie.0"))
                .hasMessage("-device virtio-scsi-pci: bus=pcie.0 names no PCI bus (the machine is i440fx, whose root bus"
                        + " is pci.0)");
    }

    @Test
    void anIothreadThatNamesNothingIsAnError() {
        assertThatThrownBy(() -> read("-device virtio-scsi-pci,id=scsi0,iothread=iothread1"))
                .hasMessage("-device virtio-scsi-pci: iothread=iothread1 names no -object iothread");
    }

    @Test
    void clashesQemuWouldRefuseAreErrors() {
        assertThatThrownBy(() -> read("-device virtio-scsi-pci,id=scsi0 -device lsi,id=scsi0"))
                .hasMessageStartingWith("-device lsi: id 'scsi0' is already used by -device virtio-scsi-pci,id=scsi0 at");
        assertThatThrownBy(() -> read("""
                -device virtio-scsi-pci,id=scsi0
                -drive if=none,id=a,file=/a,format=raw -device scsi-hd,drive=a,lun=0
                -drive if=none,id=b,file=/b,format=raw -device scsi-hd,drive=b,lun=0,scsi-id=0
                """)).hasMessageStartingWith("-device scsi-hd: scsi0.0 channel 0 scsi-id 0 lun 0 is already taken by");
        assertThatThrownBy(() -> read("-drive if=none,id=a,file=/a,format=raw -device virtio-blk-pci,drive=a"
                + " -device virtio-blk-pci,drive=a")).hasMessageStartingWith("-device virtio-blk-pci: drive=a is already used by");
    }

    @Test
    void warningsAreDiagnosticsWithPositions() throws Exception {
        List<Diagnostic> warnings = readFile("proxmox-vm701-virtio-scsi-pci.txt").warnings();

        assertThat(warnings).extracting(Diagnostic::ruleId).containsExactly("args-assumption", "args-pasted-wrap");
        assertThat(warnings).allSatisfy(w -> assertThat(w.position()).isPresent());
    }
}
