package io.yoctopus.demo;

/** The switch shared by the demo plugins. */
public final class Demo {

    /** The MicroProfile Config key that turns the demo plugins on. */
    public static final String ENABLED = "yoctopus.demo.enabled";

    private Demo() {
    }
}
