package io.yoctopus.runtime.adapters.jms;

import io.yoctopus.runtime.cluster.ClusterBus;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.StreamMessage;
import jakarta.jms.Topic;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The cluster bus on a Jakarta Messaging topic that the server's messaging (WildFly's embedded Artemis, clustered)
 * carries to every instance: a connection factory and a topic the operator defines, looked up in JNDI by the names
 * MicroProfile Config gives ({@value #CONNECTION_FACTORY}, default {@value #DEFAULT_CONNECTION_FACTORY};
 * {@value #TOPIC}, default {@value #TOPIC_PREFIX}{@code <yoctopus.cluster.topic>}). Loaded by name, only where the
 * Jakarta Messaging API is visible ({@code io.yoctopus.runtime.cluster.ClusterBuses}); where a name is unbound
 * (Payara Micro, Open Liberty without messaging, WildFly without the topic) the constructor throws and detection
 * goes on.
 *
 * <p>A frame is a {@link StreamMessage} of its strings, non-persistent (a frame matters only to the members up
 * now), with the publisher's id as a property that the one producer sets on every message. Order: Jakarta
 * Messaging keeps the order of one producer's messages, and a {@link JMSContext} may be used by one thread at a
 * time, so publishers take turns on a lock (held for the send only, which is asynchronous for non-persistent
 * messages). Receiving: one thread from the server's thread factory receives synchronously (setMessageListener
 * is forbidden in the server for the JCA factories, {@code java:/JmsXA}; a thread of our own works with any
 * factory) and hands each frame to the {@link Receiver} in arrival order.
 *
 * <p>Membership: messaging has none, so each member announces itself on the topic every {@code helloInterval}
 * (a message with the {@value #HELLO} property, its address), from the receiving thread; a member not heard for
 * {@code goneAfter} is taken to be gone.
 */
public final class JmsBus implements ClusterBus {

    /** MicroProfile Config: the JNDI name of the connection factory. */
    public static final String CONNECTION_FACTORY = "yoctopus.cluster.jms.connection-factory";

    /** MicroProfile Config: the JNDI name of the topic the instances share. */
    public static final String TOPIC = "yoctopus.cluster.jms.topic";

    /** WildFly's in-vm connection factory (not the JCA one, {@code java:/JmsXA}). */
    static final String DEFAULT_CONNECTION_FACTORY = "java:/ConnectionFactory";

    /** The default topic's JNDI name is this plus the cluster's topic name ({@code yoctopus.cluster.topic}). */
    static final String TOPIC_PREFIX = "java:/jms/topic/";

    /** The message property that names the publishing member. */
    static final String PUBLISHER = "yoctopusPublisher";

    /** The message property of an announcement: the announcing member's address. */
    static final String HELLO = "yoctopusHello";

    /** The name of the thread that receives from the topic. */
    static final String THREAD = "yoctopus-cluster-jms";

    static final Duration HELLO_INTERVAL = Duration.ofSeconds(1);
    static final Duration GONE_AFTER = Duration.ofSeconds(3);

    private static final Logger LOG = Logger.getLogger(JmsBus.class.getName());

    /** Where the connection factory and the topic are bound. */
    record Names(String connectionFactory, String topic) {

        /** The names {@code config} gives, or the defaults for the cluster's topic {@code topicName}. */
        static Names of(Config config, String topicName) {
            return new Names(
                    config.getOptionalValue(CONNECTION_FACTORY, String.class).orElse(DEFAULT_CONNECTION_FACTORY),
                    config.getOptionalValue(TOPIC, String.class).orElse(TOPIC_PREFIX + topicName));
        }
    }

    /** When a member was last heard, by {@link #clock}, and its address. */
    private record Heard(String address, long at) {
    }

    private final ConnectionFactory factory;
    private final Topic topic;
    private final String name;
    private final ThreadFactory threads;
    private final long helloNanos;
    private final long goneNanos;
    private final LongSupplier clock;
    private final Member self;
    private final JMSContext publishing;
    private final JMSProducer producer;
    private final Lock publishTurn = new ReentrantLock();
    private final Map<String, Heard> peers = new ConcurrentHashMap<>();
    private volatile JMSContext receiving;
    private volatile boolean stopped;

    /**
     * The server's connection factory and topic, by the names MicroProfile Config gives; receiving on a thread of
     * {@code threads}.
     *
     * @throws NamingException when a name is unbound (the server has no such messaging, or the topic is not defined)
     * @throws JMSRuntimeException when the messaging does not connect
     */
    public JmsBus(String topicName, ThreadFactory threads) throws NamingException {
        this(new InitialContext(), Names.of(ConfigProvider.getConfig(), topicName), threads);
    }

    JmsBus(Context naming, Names names, ThreadFactory threads) throws NamingException {
        this((ConnectionFactory) naming.lookup(names.connectionFactory()), (Topic) naming.lookup(names.topic()),
                "Jakarta Messaging topic " + names.topic() + " (connection factory " + names.connectionFactory() + ")",
                threads, HELLO_INTERVAL, GONE_AFTER, System::nanoTime);
    }

    JmsBus(ConnectionFactory factory, Topic topic, String name, ThreadFactory threads, Duration helloInterval,
            Duration goneAfter, LongSupplier clock) {
        this.factory = factory;
        this.topic = topic;
        this.name = name;
        this.threads = threads;
        this.helloNanos = helloInterval.toNanos();
        this.goneNanos = goneAfter.toNanos();
        this.clock = clock;
        this.self = new Member(UUID.randomUUID().toString(), ManagementFactory.getRuntimeMXBean().getName());
        this.publishing = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        this.producer = producer(publishing);
    }

    /** A producer of non-persistent messages, each carrying this member's id. */
    private JMSProducer producer(JMSContext context) {
        return context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setDisableMessageID(true)
                .setProperty(PUBLISHER, self.id());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String localMember() {
        return self.id();
    }

    /** This member, then the others heard within {@code goneAfter}; those not heard since are forgotten. */
    @Override
    public List<Member> members() {
        long now = clock.getAsLong();
        List<Member> members = new ArrayList<>();
        members.add(self);
        peers.forEach((id, heard) -> {
            if (now - heard.at() < goneNanos) {
                members.add(new Member(id, heard.address()));
            } else {
                peers.remove(id, heard);
            }
        });
        return members;
    }

    /** @throws JMSRuntimeException when the messaging fails, or after {@link #stop()} */
    @Override
    public void publish(String[] frame) {
        publishTurn.lock();
        try {
            StreamMessage message = publishing.createStreamMessage();
            for (String field : frame) {
                message.writeString(field);
            }
            producer.send(topic, message);
        } catch (JMSException failed) {
            throw new JMSRuntimeException(failed.getMessage(), failed.getErrorCode(), failed);
        } finally {
            publishTurn.unlock();
        }
    }

    /** Starts the receiving thread; it announces this member at once, and then every {@code helloInterval}. */
    @Override
    public void subscribe(Receiver receiver) {
        JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer = context.createConsumer(topic);
        JMSProducer hello = producer(context).setProperty(HELLO, self.address());
        receiving = context;
        Thread thread = threads.newThread(() -> receive(context, consumer, hello, receiver));
        thread.setName(THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /** On the receiving thread, the only one that uses {@code context} once it runs. */
    private void receive(JMSContext context, JMSConsumer consumer, JMSProducer hello, Receiver receiver) {
        long nextHello = clock.getAsLong();
        try {
            while (!stopped) {
                long now = clock.getAsLong();
                if (now - nextHello >= 0) {
                    hello.send(topic, context.createMessage());
                    nextHello = now + helloNanos;
                }
                // receive(0) would wait for ever
                Message message = consumer.receive(Math.max(1, Duration.ofNanos(nextHello - now).toMillis()));
                if (message != null) {
                    handle(message, receiver);
                }
            }
        } catch (JMSRuntimeException failed) {
            if (!stopped) {
                LOG.log(Level.WARNING, "cluster: receiving from " + name + " failed; this instance hears no other"
                        + " instance from now on", failed);
            }
        }
    }

    /** An announcement, a frame, or something else on the topic, which is logged and skipped. */
    private void handle(Message message, Receiver receiver) {
        try {
            String publisher = message.getStringProperty(PUBLISHER);
            if (publisher == null) {
                throw new IllegalArgumentException("it has no " + PUBLISHER + " property");
            }
            if (message.propertyExists(HELLO)) {
                heard(publisher, message.getStringProperty(HELLO));
            } else if (message instanceof StreamMessage frame) {
                receiver.received(publisher, fields(frame));
            } else {
                throw new IllegalArgumentException("it is a " + message.getClass().getName() + ", not a frame");
            }
        } catch (JMSException | RuntimeException unreadable) {
            LOG.log(Level.WARNING, "cluster: skipped a message on " + name + ": " + unreadable.getMessage(),
                    unreadable);
        }
    }

    /** A member's announcement; this member's own come back too, and are not a peer's. */
    private void heard(String member, String address) {
        if (!member.equals(self.id())) {
            peers.put(member, new Heard(address, clock.getAsLong()));
        }
    }

    private static String[] fields(StreamMessage frame) throws JMSException {
        List<String> fields = new ArrayList<>();
        try {
            for (;;) {
                fields.add(frame.readString());
            }
        } catch (MessageEOFException end) {
            return fields.toArray(String[]::new);
        }
    }

    /** Stops receiving and announcing, and closes both contexts; the others forget it after {@code goneAfter}. */
    @Override
    public void stop() {
        stopped = true;
        JMSContext context = receiving;
        if (context != null) {
            context.close();
        }
        publishing.close();
    }
}
