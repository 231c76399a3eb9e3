package dev.domxml.qemu;

import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The numbers a property of an option may hold, as QEMU 7.2 checks them. Every number on a command
 * line is read through here (decimal, or hex with {@code 0x}, as QEMU reads them), so that none
 * overflows or turns negative unnoticed: a number outside its range is an {@link InputException} at
 * the option, naming option, key and range. {@code where} says whose range it is, when that is not
 * just the property's type ({@code "on virtio-scsi-pci scsi0"}).
 */
public record NumberRange(BigInteger min, BigInteger max, String where) {
    /** What domxml's model holds for QEMU's uint32 and int properties. */
    public static final NumberRange COUNT = of(0, Integer.MAX_VALUE);
    public static final NumberRange INT32 = of(Integer.MIN_VALUE, Integer.MAX_VALUE);
    public static final NumberRange UINT8 = of(0, 0xff);
    public static final NumberRange UINT16 = of(0, 0xffff);
    /** Sizes in bytes: QEMU takes any below 2^64; the model holds them as a long. */
    public static final NumberRange BYTES = of(0, Long.MAX_VALUE);
    public static final NumberRange UINT64 = new NumberRange(BigInteger.ZERO,
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), "");

    private static final BigInteger HUGE = BigInteger.ONE.shiftLeft(256);

    public static NumberRange of(long min, long max) {
        return new NumberRange(BigInteger.valueOf(min), BigInteger.valueOf(max), "");
    }

    /** The same range, said to be someone's ({@code "on lsi scsi0"}), for the message. */
    public NumberRange where(String whose) {
        return new NumberRange(min, max, whose);
    }

    /**
     * A number as QEMU reads one: decimal (a sign allowed), or hex with {@code 0x}; empty if it is none.
     * Digits beyond any range QEMU has are not converted (that is quadratic in their count): such a
     * number reads as 2^256, which is out of every range.
     */
    public static Optional<BigInteger> parse(String text) {
        String t = text.trim();
        boolean hex = t.startsWith("0x") || t.startsWith("0X");
        String digits = hex ? t.substring(2) : t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        int radix = hex ? 16 : 10;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, radix) >= 0 && c < 128)) {
            return Optional.empty();
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        BigInteger magnitude = significant.length() > 64 ? HUGE : new BigInteger(significant, radix);
        return Optional.of(t.startsWith("-") ? magnitude.negate() : magnitude);
    }

    public boolean contains(BigInteger value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /**
     * {@code value} when it is in range; else the error "{@code what} is out of range (MIN-MAX WHERE)",
     * {@code what} being how the option names it ({@code -device scsi-hd: lun=99999}).
     */
    public BigInteger check(BigInteger value, String what, SourcePosition at) throws InputException {
        if (!contains(value)) {
            throw new InputException(at, what + " is out of range (" + min + "-" + max
                    + (where.isEmpty() ? "" : " " + where) + ")");
        }
        return value;
    }

    public int checkInt(BigInteger value, String what, SourcePosition at) throws InputException {
        return fittingInt().check(value, what, at).intValueExact();
    }

    /** Digits already matched by a pattern ({@code pci.12}), which still may be too many for an int. */
    public int checkInt(String digits, String what, SourcePosition at) throws InputException {
        return checkInt(parse(digits).orElseThrow(() -> new InputException(at, what + " is not a number")), what, at);
    }

    /** This range, for a caller that holds the number as an int: a wider range is a bug in domxml. */
    public NumberRange fittingInt() {
        return fitting(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** This range, for a caller that holds the number as a long. */
    public NumberRange fittingLong() {
        return fitting(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private NumberRange fitting(long low, long high) {
        if (min.compareTo(BigInteger.valueOf(low)) < 0 || max.compareTo(BigInteger.valueOf(high)) > 0) {
            throw new IllegalStateException("range " + min + "-" + max + " does not fit the type asked for");
        }
        return this;
    }
}
