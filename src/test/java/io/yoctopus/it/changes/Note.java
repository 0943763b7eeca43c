package io.yoctopus.it.changes;

import io.yoctopus.plugins.changetracker.ChangeListener;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A tracked test entity with no public-field configuration: its notifications carry only the id, never
 * {@code text} or {@code secret}. Deployed in {@code WEB-INF/classes}, so it belongs to the application's
 * persistence unit.
 */
@Entity(name = "Note")
@Table(name = "it_note")
@EntityListeners(ChangeListener.class)
public class Note {

    @Id
    @GeneratedValue
    private Long id;

    private String text;

    private String secret;

    public Note() {
    }

    /** A note with a given id, never persisted (for a change made outside a transaction). */
    public Note(long id, String text) {
        this.id = id;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }
}
