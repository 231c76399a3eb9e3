package dev.domxml.libvirt;

/**
 * Something libvirt could not do, as one line a user can act on: the native library is missing, the
 * connection failed, there is no such domain, or libvirt refused the request (its own message).
 */
public final class LibvirtError extends Exception {
    /** What went wrong; the CLI maps it to an exit status. */
    public enum Kind {
        /** The native libvirt0 library is not installed. */
        NO_LIBRARY,
        /** The connection could not be opened (daemon not running, host unreachable, no permission). */
        CONNECT,
        /** No domain of that name. */
        NO_DOMAIN,
        /** libvirt refused the request (invalid XML, domain failed to start, ...). */
        REFUSED
    }

    private final Kind kind;
    private final String uri;

    public LibvirtError(Kind kind, String uri, String message) {
        super(oneLine(message));
        this.kind = kind;
        this.uri = uri;
    }

    public LibvirtError(Kind kind, String uri, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.kind = kind;
        this.uri = uri;
    }

    public Kind kind() {
        return kind;
    }

    public String uri() {
        return uri;
    }

    /** {@code URI: error: message}, one line. */
    public String oneLine() {
        return (kind == Kind.NO_LIBRARY ? "domxml" : uri) + ": error: " + getMessage();
    }

    private static String oneLine(String message) {
        return message == null || message.isBlank() ? "unknown libvirt error" : message.strip().replaceAll("\\s*\\n\\s*", "; ");
    }
}
