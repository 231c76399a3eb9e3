package dev.domxml.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.report.SourcePosition;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class NumberRangeTest {
    private static final SourcePosition AT = new SourcePosition("line.args", 1, 5);

    @Test
    void readsNumbersAsQemuDoes() {
        assertThat(NumberRange.parse("42")).hasValue(BigInteger.valueOf(42));
        assertThat(NumberRange.parse(" -3 ")).hasValue(BigInteger.valueOf(-3));
        assertThat(NumberRange.parse("0x1F")).hasValue(BigInteger.valueOf(31));
        assertThat(NumberRange.parse("0x-1")).isEmpty();
        assertThat(NumberRange.parse("")).isEmpty();
        assertThat(NumberRange.parse("12abc")).isEmpty();
        assertThat(NumberRange.parse("\u0661\u0662")).as("only ASCII digits").isEmpty();
    }

    @Test
    void aNumberOfAbsurdLengthIsOutOfEveryRangeWithoutBeingConverted() {
        String digits = "9".repeat(1_000_000);

        BigInteger huge = NumberRange.parse(digits).orElseThrow();

        assertThat(NumberRange.UINT64.contains(huge)).isFalse();
        assertThat(NumberRange.parse("-" + digits).orElseThrow().signum()).isNegative();
    }

    @Test
    void outOfRangeIsAnErrorNamingWhatAndTheRange() {
        assertThatThrownBy(() -> NumberRange.of(0, 16383).where("on virtio-scsi-pci scsi0")
                .checkInt(BigInteger.valueOf(99999), "-device scsi-hd: lun=99999", AT))
                .hasMessage("-device scsi-hd: lun=99999 is out of range (0-16383 on virtio-scsi-pci scsi0)");
        assertThatThrownBy(() -> NumberRange.COUNT.checkInt("99999999999", "-device x: bus=pci.99999999999", AT))
                .hasMessage("-device x: bus=pci.99999999999 is out of range (0-2147483647)");
    }

    @Test
    void aRangeWiderThanTheTypeAskedForIsABug() {
        assertThatThrownBy(() -> NumberRange.BYTES.checkInt(BigInteger.ONE, "x", AT)).isInstanceOf(IllegalStateException.class);
    }
}
