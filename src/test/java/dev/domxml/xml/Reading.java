package dev.domxml.xml;

/** The two ways of reading a domain, for tests that must hold for both. */
public enum Reading {
    /** Straight from SAX, as to-args and lint read. */
    STREAMED,
    /** With the user's DOM, as fix reads. */
    EDITABLE;

    public DomainDocument read(byte[] content, String fileName) throws InputException {
        return this == STREAMED ? DomainReader.read(content, fileName) : DomainReader.readEditable(content, fileName);
    }
}
