package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/**
 * {@code <audio id type>}: an audio backend (-audiodev) that sound cards and displays name by id, with the
 * settings of its {@code <input>} and {@code <output>} streams and those of its type.
 */
public class Audio extends Extensible {
    @XmlAttribute public String id;
    @XmlAttribute public String type;
    @XmlAttribute public String timerPeriod;
    /** oss */
    @XmlAttribute public String tryMMap;
    @XmlAttribute public String exclusive;
    @XmlAttribute public String dspPolicy;
    /** pulseaudio */
    @XmlAttribute public String serverName;
    /** file */
    @XmlAttribute public String path;
    /** sdl: SDL's own audio driver */
    @XmlAttribute public String driver;
    @XmlElement public Stream input;
    @XmlElement public Stream output;

    /** {@code <input>} or {@code <output>}: settings every backend has, and those of its type. */
    public static class Stream extends Extensible {
        @XmlAttribute public String mixingEngine;
        @XmlAttribute public String fixedSettings;
        @XmlAttribute public String voices;
        @XmlAttribute public String bufferLength;
        @XmlAttribute public String dev;
        @XmlAttribute public String bufferCount;
        @XmlAttribute public String tryPoll;
        @XmlAttribute public String name;
        @XmlAttribute public String streamName;
        @XmlAttribute public String latency;
        @XmlAttribute public String serverName;
        @XmlAttribute public String clientName;
        @XmlAttribute public String connectPorts;
        @XmlAttribute public String exactName;
        @XmlElement public Settings settings;
    }

    /** {@code <settings frequency channels format>}: used only with fixedSettings='yes'. */
    public static class Settings extends Extensible {
        @XmlAttribute public String frequency;
        @XmlAttribute public String channels;
        @XmlAttribute public String format;
    }
}
