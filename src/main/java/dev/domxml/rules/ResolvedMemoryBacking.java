package dev.domxml.rules;

import dev.domxml.binding.Domain;
import dev.domxml.binding.MemoryBacking;
import dev.domxml.model.RamBacking;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <memoryBacking>}'s {@code <source type>} (anonymous, file, memfd), {@code <access mode>} (shared or
 * private, when written), {@code <allocation mode='immediate' threads>} and {@code <discard/>}, which every
 * memory backend of the guest follows unless its NUMA cell or memory module says otherwise.
 */
record ResolvedMemoryBacking(String source, Optional<String> access, boolean immediate, OptionalInt threads,
        Optional<Boolean> discard) {

    static final ResolvedMemoryBacking DEFAULT = new ResolvedMemoryBacking("anonymous", Optional.empty(), false,
            OptionalInt.empty(), Optional.empty());

    static ResolvedMemoryBacking resolve(DomainResolver resolver, Domain domain) {
        MemoryBacking backing = domain.memoryBacking;
        if (backing == null) {
            return DEFAULT;
        }
        String source = backing.source == null ? "anonymous" : Values.text(backing.source.type).orElse("anonymous");
        if (!java.util.Set.of("anonymous", "file", "memfd").contains(source)) {
            resolver.invalid(backing.source, "unknown memory source type '" + source + "' (anonymous, file, memfd)");
            return DEFAULT;
        }
        Optional<String> access = backing.access == null ? Optional.empty() : Values.text(backing.access.mode);
        if (access.isPresent() && !access.get().equals("shared") && !access.get().equals("private")) {
            resolver.invalid(backing.access, "unknown memory access mode '" + access.get() + "' (shared, private)");
            return DEFAULT;
        }
        boolean immediate = false;
        OptionalInt threads = OptionalInt.empty();
        if (backing.allocation != null) {
            String mode = Values.text(backing.allocation.mode).orElse("ondemand");
            if (!mode.equals("immediate") && !mode.equals("ondemand")) {
                resolver.invalid(backing.allocation, "unknown memory allocation mode '" + mode + "' (immediate, ondemand)");
                return DEFAULT;
            }
            immediate = mode.equals("immediate");
            // QEMU's own default number of threads stands for threads='0'
            threads = resolver.optionalUnsigned(backing.allocation, backing.allocation.threads, "memory allocation threads");
            if (threads.isPresent() && threads.getAsInt() == 0) {
                threads = OptionalInt.empty();
            }
        }
        return new ResolvedMemoryBacking(source, access, immediate, threads,
                backing.discard == null ? Optional.empty() : Optional.of(true));
    }

    /**
     * The backend libvirt gives the RAM named {@code alias}: its cell's or module's own access mode and discard
     * win over the domain's. A memfd unless the RAM has a file of its own; else a file (its own, or one in
     * libvirt's memory directory) when the RAM is shared or private or all RAM is file-backed; else anonymous
     * RAM. Only a file in libvirt's directory gives freed memory back ({@code discard-data}).
     */
    RamBacking backing(String domainName, String alias, Optional<String> ownAccess, Optional<Boolean> ownDiscard,
            Optional<String> ownFile) {
        Optional<String> mode = ownAccess.or(() -> access);
        Optional<Boolean> share = mode.map(m -> m.equals("shared"));
        if (ownFile.isEmpty() && source.equals("memfd")) {
            return new RamBacking(RamBacking.Kind.MEMFD, Optional.empty(), Optional.empty(), share, immediate, threads);
        }
        if (ownFile.isPresent() || mode.isPresent() || source.equals("file")) {
            Optional<Boolean> discardData = ownFile.isPresent() ? Optional.empty() : ownDiscard.or(() -> discard);
            return new RamBacking(RamBacking.Kind.FILE,
                    Optional.of(ownFile.orElseGet(() -> LibvirtPaths.memoryBackingPath(domainName, alias))), discardData, share,
                    immediate, threads);
        }
        return new RamBacking(RamBacking.Kind.RAM, Optional.empty(), Optional.empty(), Optional.empty(), immediate, threads);
    }
}
