package io.yoctopus.runtime.cluster;

import java.util.List;

/** The bus of an instance on its own ({@link ClusterBus#LOCAL}): it is the only member, and publishing goes nowhere. */
class LocalBus implements ClusterBus {

    private static final List<Member> ALONE = List.of(new Member("local", ""));

    @Override
    public String name() {
        return "none (this instance on its own)";
    }

    @Override
    public String localMember() {
        return "local";
    }

    @Override
    public List<Member> members() {
        return ALONE;
    }

    @Override
    public void publish(String[] frame) {
        // no one to tell
    }

    @Override
    public void subscribe(Receiver receiver) {
        // nothing ever arrives
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
