package io.yoctopus.plugins.changetracker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings of a tracked entity. The entity opts in to change tracking with
 * {@code @EntityListeners(ChangeListener.class)}; this annotation is optional and says what its
 * {@code data-changed} notifications show:
 *
 * <pre>{@code
 * @Entity
 * @EntityListeners(ChangeListener.class)
 * @Tracked(publicFields = {"id", "title", "content", "authorId"}, autoSubscribe = true)
 * public class Post { ... }
 * }</pre>
 *
 * <p>MicroProfile Config overrides the public fields ({@code yoctopus.changetracker.public-fields.Post=id,title})
 * and adds auto-subscribed models ({@code yoctopus.changetracker.auto-subscribe=Post,User}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Tracked {

    /**
     * The fields sent to subscribers, in this order; basic attributes only (an association is a deployment
     * error, so nothing lazy is ever loaded for a notification). Empty (the default): only the id.
     */
    String[] publicFields() default {};

    /** Subscribes every connection to this model when it opens. */
    boolean autoSubscribe() default false;

    /**
     * A MicroProfile Config key that switches tracking of this entity on, like {@code @Plugin(enabledBy)}.
     * Empty (the default): always tracked. When the key is not {@code true} the model is not tracked: its
     * changes are not announced and subscribing to it is an error.
     */
    String enabledBy() default "";
}
