package dev.domxml.model;

/**
 * QEMU's {@code pr-manager-helper} object: how a SCSI passthrough disk's persistent reservations reach
 * qemu-pr-helper, through its unix socket. libvirt names the helper it starts for the whole domain
 * {@code pr-helper0}; a helper the user runs (and names the socket of) is {@code pr-helper-STORAGENODE}.
 */
public record PrManager(String id, String socket) {
    /** The id of the helper libvirt starts and manages itself, shared by every disk that asks for one. */
    public static final String MANAGED_ID = "pr-helper0";

    public boolean managed() {
        return id.equals(MANAGED_ID);
    }
}
