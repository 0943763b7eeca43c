package io.yoctopus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit test (surefire) of the integration tests' server name. */
class ServerTest {

    @Test
    void namesAreTheLowerCaseIdsInAnyCase() {
        assertEquals(Server.PAYARA, Server.named("payara"));
        assertEquals(Server.WILDFLY, Server.named("wildfly"));
        assertEquals(Server.LIBERTY, Server.named("Liberty"));
        assertEquals("wildfly", Server.WILDFLY.id());
    }

    @Test
    void withoutANameItIsPayaraArquilliansDefaultContainer() {
        assertEquals(Server.PAYARA, Server.named(null));
    }

    @Test
    void anUnknownNameIsAnErrorThatListsTheKnownOnes() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Server.named("tomcat"));
        assertEquals("yoctopus.it.server=tomcat names no server; known: payara, wildfly, liberty", error.getMessage());
    }

    @Test
    void onlyPayaraIsPayara() {
        assertTrue(Server.PAYARA.isPayara());
        assertFalse(Server.WILDFLY.isPayara());
        assertFalse(Server.LIBERTY.isPayara());
    }
}
