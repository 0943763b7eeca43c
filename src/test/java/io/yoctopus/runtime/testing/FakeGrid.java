package io.yoctopus.runtime.testing;

import io.yoctopus.runtime.cluster.ClusterBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A data grid in memory, the stand-in for the server's grid at the cluster seam: members join and leave, and a frame
 * one member publishes is handed at once, on the publisher's thread, to every member subscribed, the publisher
 * included (as Hazelcast's topic does), in the order published. A member's publishing can be made to fail.
 */
public final class FakeGrid {

    private final List<Bus> members = new CopyOnWriteArrayList<>();

    /** A new member, up from now on. */
    public Bus join(String id) {
        Bus bus = new Bus(id);
        members.add(bus);
        return bus;
    }

    /** One member's bus. */
    public final class Bus implements ClusterBus {
        private final String id;
        private final List<List<String>> published = new CopyOnWriteArrayList<>();
        private volatile Receiver receiver;
        private volatile RuntimeException failure;
        private volatile boolean stopped;

        private Bus(String id) {
            this.id = id;
        }

        @Override
        public String name() {
            return "fake grid";
        }

        @Override
        public String localMember() {
            return id;
        }

        @Override
        public List<Member> members() {
            return members.stream().map(bus -> new Member(bus.id, "fake/" + bus.id)).toList();
        }

        @Override
        public void publish(String[] frame) {
            if (failure != null) {
                throw failure;
            }
            published.add(List.of(frame));
            for (Bus member : members) {
                Receiver listening = member.receiver;
                if (listening != null) {
                    listening.received(id, frame.clone());
                }
            }
        }

        @Override
        public void subscribe(Receiver receiving) {
            this.receiver = receiving;
        }

        @Override
        public void stop() {
            stopped = true;
            receiver = null;
        }

        /** This member goes away, as a killed process would. */
        public void leave() {
            members.remove(this);
        }

        /** Publishing fails with {@code thrown} from now on. */
        public void failWith(RuntimeException thrown) {
            failure = thrown;
        }

        /** The frames this member published, each as a list. */
        public List<List<String>> published() {
            return published;
        }

        public boolean stopped() {
            return stopped;
        }
    }
}
