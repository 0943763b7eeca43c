package io.yoctopus.it.changes;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.demo.posts.Post;
import io.yoctopus.plugins.changetracker.ChangeVisibility;
import io.yoctopus.plugins.changetracker.EntityChanged;
import jakarta.enterprise.context.ApplicationScoped;

/** The test access policy: a connection labelled {@code blind} never sees a post whose title starts with {@code hidden}. */
@ApplicationScoped
public class HiddenFromTheBlind implements ChangeVisibility {

    @Override
    public boolean visible(EntityChanged change, String connectionId, ConnectionSettings settings) {
        boolean hidden = change.entity() instanceof Post post && post.getTitle() != null
                && post.getTitle().startsWith("hidden");
        return !hidden || !settings.get("yoctopus", "label", String.class).filter("blind"::equals).isPresent();
    }
}
