package dev.domxml.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.xml.DomainReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code <clock>} offsets that depend on when the guest starts, which no stored reference can hold. */
class ClocksTest {

    @Test
    void aVariableOffsetStartsTheRtcThatFarFromNowInUtc() throws Exception {
        Instant before = Instant.now();
        String rtc = rtcOf("<clock offset='variable' adjustment='86400' basis='utc'/>");
        Instant after = Instant.now();

        Instant base = LocalDateTime.parse(rtc.substring("base=".length())).toInstant(ZoneOffset.UTC);
        assertThat(base).isBetween(before.plus(Duration.ofDays(1)).minusSeconds(1), after.plus(Duration.ofDays(1)));
    }

    @Test
    void anAbsoluteStartIsTheSameMomentWheneverTheGuestStarts() throws Exception {
        assertThat(rtcOf("<clock offset='absolute' start='1234567890'><timer name='rtc' tickpolicy='catchup'/></clock>"))
                .isEqualTo("base=2009-02-13T23:31:30,driftfix=slew");
    }

    private static String rtcOf(String clock) throws Exception {
        String xml = "<domain type='qemu'><name>d</name><memory>524288</memory>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>" + clock + "</domain>";
        DomainMapper.Result result = DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "d.xml"));
        return result.model().orElseThrow().clock().rtc();
    }
}
