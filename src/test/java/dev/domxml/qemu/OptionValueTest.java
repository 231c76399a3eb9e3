package dev.domxml.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.xml.InputException;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionValueTest {

    private static OptionValue value(String option, String value) throws InputException {
        SourceText source = new SourceText("line.args", option + " " + value);
        Word name = new Word(option, 0, new int[0], source);
        int[] offsets = new int[value.length()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = option.length() + 1 + i;
        }
        return OptionValue.parse(new QemuOption(option, name, Optional.of(new Word(value, option.length() + 1, offsets, source))));
    }

    @Test
    void keyValueTakesTheDriverFirstAndDoubledCommasAsCommas() throws Exception {
        OptionValue v = value("-drive", "file=/images/a,,b.raw,if=none,id=drive-scsi0");

        assertThat(v.text("file")).hasValue("/images/a,b.raw");
        assertThat(v.text("id")).hasValue("drive-scsi0");
        assertThat(value("-device", "scsi-hd,bus=scsi0.0").text("driver")).hasValue("scsi-hd");
        assertThat(value("-object", "iothread,id=io1").text("qom-type")).hasValue("iothread");
    }

    @Test
    void jsonAndKeyValueReadAlike() throws Exception {
        OptionValue json = value("-device", "{\"driver\":\"scsi-hd\",\"lun\":2,\"bootindex\":1,\"share-rw\":true,"
                + "\"wwn\":5764824128358360237}");
        OptionValue keyValue = value("-device", "scsi-hd,lun=2,bootindex=0x1,share-rw=on,wwn=0x5000c5005b66a4ad");

        for (OptionValue v : new OptionValue[] {json, keyValue}) {
            assertThat(v.integer("lun", NumberRange.COUNT)).hasValue(2);
            assertThat(v.integer("bootindex", NumberRange.INT32)).hasValue(1);
            assertThat(v.bool("share-rw")).hasValue(true);
            assertThat(v.bigInteger("wwn", NumberRange.UINT64)).hasValue(new BigInteger("5000c5005b66a4ad", 16));
        }
    }

    @Test
    void blockdevDottedKeysNestAsInJson() throws Exception {
        OptionValue v = value("-blockdev", "driver=raw,node-name=d0,file=f0,cache.direct=on,cache.no-flush=off");

        OptionValue cache = v.object("cache").orElseThrow();
        assertThat(cache.bool("direct")).hasValue(true);
        assertThat(cache.bool("no-flush")).hasValue(false);
    }

    @Test
    void keysNobodyReadAreListed() throws Exception {
        OptionValue v = value("-device", "scsi-hd,drive=d0,ver=2.5,removable=on");
        v.text("drive");

        assertThat(v.unused()).containsExactly("driver=scsi-hd", "ver=2.5", "removable=on");
    }

    @Test
    void brokenJsonIsAnErrorAtTheBadCharacter() {
        assertThatThrownBy(() -> value("-blockdev", "{\"driver\":\"file\",}"))
                .satisfies(e -> assertThat(((InputException) e).oneLine())
                        .startsWith("line.args:1:28: error: -blockdev: broken JSON: Unexpected character ('}'"));
    }

    @Test
    void aValueThatIsNoNumberIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> value("-device", "scsi-hd,lun=x").integer("lun", NumberRange.COUNT))
                .hasMessage("-device scsi-hd: lun='x' is not a number");
    }

    @Test
    void jsonOnlyWhereQemuTakesIt() {
        assertThatThrownBy(() -> value("-drive", "{\"file\":\"a\"}")).hasMessage("-drive takes key=value options, not JSON");
    }
}
