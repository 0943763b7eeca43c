package com.example.board;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The board's messages, in memory while the application runs; shared by every connection, so thread-safe. */
@ApplicationScoped
public class Messages {

    /** One message as clients see it. */
    public record Message(long id, String author, String text) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    public Message add(String author, String text) {
        Message message = new Message(ids.incrementAndGet(), author, text);
        messages.add(message);
        return message;
    }

    public List<Message> all() {
        return List.copyOf(messages);
    }

    public int count() {
        return messages.size();
    }
}
