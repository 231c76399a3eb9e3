package dev.domxml.args;

import dev.domxml.args.CommandLine.Option;
import dev.domxml.model.BlockNode;
import dev.domxml.model.Device;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.Firmware;
import dev.domxml.model.NetworkDevice;
import dev.domxml.model.VirtualMachine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** libvirt 9.0's own style for QEMU 7.2: JSON {@code -object}/{@code -device}, one {@code -blockdev} per node. */
final class LibvirtArgsWriter extends ArgsWriter {

    @Override
    protected void writeMachine(VirtualMachine vm, List<Option> out) {
        // with NUMA nodes each node has a memory backend of its own instead of one for all of RAM
        StringBuilder machine = new StringBuilder(machineOptions(vm))
                .append(vm.numa().isEmpty() ? ",memory-backend=pc.ram" : "");
        for (int i = 0; i < vm.firmware().flash().size(); i++) {
            machine.append(",pflash").append(i).append('=').append(flashNode(i)).append("-format");
        }
        machine.append(serialFirmware(vm));
        out.add(new Option("-machine", machine.toString()));
    }

    @Override
    protected void writeFlash(VirtualMachine vm, List<Option> out) {
        List<Firmware.FlashImage> flash = vm.firmware().flash();
        for (int i = 0; i < flash.size(); i++) {
            Map<String, Object> storage = new LinkedHashMap<>();
            storage.put("driver", flash.get(i).driver());
            storage.putAll(flash.get(i).location());
            storage.put("node-name", flashNode(i) + "-storage");
            storage.put("auto-read-only", true);
            storage.put("discard", "unmap");
            out.add(new Option("-blockdev", render(storage)));
            Map<String, Object> format = new LinkedHashMap<>();
            format.put("node-name", flashNode(i) + "-format");
            format.put("read-only", flash.get(i).readOnly());
            format.put("driver", "raw");
            format.put("file", flashNode(i) + "-storage");
            out.add(new Option("-blockdev", render(format)));
        }
    }

    private static String flashNode(int unit) {
        return "libvirt-pflash" + unit;
    }

    @Override
    protected void writeMemory(VirtualMachine vm, List<Option> out) {
        out.add(new Option("-m", memorySize(vm)));
        if (!vm.numa().isEmpty()) {
            return;
        }
        out.add(new Option("-object", render(ramBackend("pc.ram", vm.memoryBytes(), vm.memoryPolicy(),
                vm.machine().memory().ram(), true))));
    }

    @Override
    protected String audiodev(Map<String, Object> audio) {
        return render(audio);
    }

    @Override
    protected String netdev(NetworkDevice nic) {
        Map<String, Object> netdev = new LinkedHashMap<>();
        netdev.put("type", nic.netdevType().equals("user") ? "user" : nic.netdevType());
        netdev.put("id", nic.netdevId());
        return render(netdev);
    }

    @Override
    protected String device(Device device) {
        return render(DeviceProperties.device(device, DiskDevice::topNodeName));
    }

    @Override
    protected void writeDisk(DiskDevice disk, List<Option> out) {
        writeOwnPrManager(disk, out);
        disk.backends().forEach(b -> out.add(backend(b)));
        for (List<BlockNode> image : List.of(disk.backingNodes(), disk.nodes())) {
            for (BlockNode node : image) {
                out.add(new Option("-blockdev", render(DeviceProperties.blockNode(node))));
            }
        }
        out.add(new Option("-device", render(DeviceProperties.device(disk, DiskDevice::topNodeName))));
    }

    @Override
    protected String render(Map<String, Object> properties) {
        return JsonText.of(properties);
    }
}
