package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <clock offset>}: where the guest's RTC starts, and its timers. */
public class Clock extends Extensible {
    @XmlAttribute public String offset;
    /** offset='variable': seconds from now, counted from UTC or local time ({@code basis}). */
    @XmlAttribute public String adjustment;
    @XmlAttribute public String basis;
    /** offset='absolute': the RTC's start, in seconds since the epoch. */
    @XmlAttribute public String start;
    /** offset='timezone' */
    @XmlAttribute public String timezone;
    @XmlElement(name = "timer") public List<Timer> timers = new ArrayList<>();

    /** {@code <timer name present tickpolicy track frequency>}. */
    public static class Timer extends Extensible {
        @XmlAttribute public String name;
        @XmlAttribute public String present;
        @XmlAttribute public String tickpolicy;
        @XmlAttribute public String track;
        @XmlAttribute public String frequency;
    }
}
