package io.yoctopus.runtime.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An analysed model bound to its beans without a registry, as the dispatch benchmark binds it. */
class CatalogueTest {

    @Plugin("echo")
    public static class Echo {
        @Handles(endpoint = "say", method = "read")
        public String say() {
            return "said";
        }

        @Handles(endpoint = "say", method = "update")
        public String again() {
            return "again";
        }
    }

    @Test
    void aModelBoundWithoutFiguresCountsEachEndpointMethodInFiguresOfItsOwn() throws Throwable {
        DeploymentProblems problems = new DeploymentProblems();
        CatalogueModel model;
        try (JsonCodec json = new JsonCodec()) {
            model = CatalogueAnalysis.analyze(Map.of(Echo.class, ApplicationScoped.class),
                    (plugin, endpoint) -> Optional.empty(), Map.of(), json, problems);
        }
        assertEquals(List.of(), problems.list());
        Echo echo = new Echo();
        Catalogue catalogue = Catalogue.bind(model, type -> echo);

        Route say = catalogue.methods("echo:say").get("read");
        assertEquals("said", say.invoke(new Object[0]));
        assertEquals("echo:say", say.stats().endpoint());
        assertEquals("read", say.stats().method());
        Route again = catalogue.methods("echo:say").get("update");
        assertEquals("again", again.invoke(new Object[0]));
        assertNotSame(say.stats(), again.stats());
    }
}
