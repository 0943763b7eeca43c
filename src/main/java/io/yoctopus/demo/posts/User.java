package io.yoctopus.demo.posts;

import io.yoctopus.demo.Demo;
import io.yoctopus.plugins.changetracker.ChangeListener;
import io.yoctopus.plugins.changetracker.Tracked;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A demo user. Only {@code id} and {@code name} are public: {@code email} and {@code password} never reach a
 * client. (The table is not called {@code user}, a reserved word in PostgreSQL and H2.)
 */
@Entity(name = "User")
@Table(name = "demo_user")
@EntityListeners(ChangeListener.class)
@Tracked(publicFields = {"id", "name"}, enabledBy = Demo.ENABLED)
public class User {

    @Id
    @GeneratedValue
    private Long id;

    private String name;

    private String email;

    private String password;

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
