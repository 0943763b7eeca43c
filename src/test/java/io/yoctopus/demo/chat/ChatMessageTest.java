package io.yoctopus.demo.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.demo.FixedSettings;
import io.yoctopus.runtime.json.JsonCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who a chat message is from, and whether receivers can believe it. */
class ChatMessageTest {

    private static final String CONNECTION = "c-1234";

    @Test
    void aLoggedInSenderIsItsVerifiedUserWhateverItsLabel() {
        FixedSettings settings = new FixedSettings(Map.of(
                "auth", Map.of("authenticated", true, "userId", "alice"),
                "yoctopus", Map.of("label", "admin")));
        assertEquals(new ChatMessage("alice", true, "lobby", "hi"),
                ChatMessage.from(settings, CONNECTION, "lobby", "hi"));
    }

    @Test
    void aLabelIsNotVerifiedEvenWhenItIsAUsersName() {
        FixedSettings settings = new FixedSettings(Map.of("yoctopus", Map.of("label", "admin")));
        assertEquals(new ChatMessage("admin", false, "lobby", "hi"),
                ChatMessage.from(settings, CONNECTION, "lobby", "hi"));
    }

    @Test
    void afterALogoutTheLabelSpeaksUnverified() {
        FixedSettings settings = new FixedSettings(Map.of(
                "auth", Map.of("authenticated", false),
                "yoctopus", Map.of("label", "alice's phone")));
        assertEquals(new ChatMessage("alice's phone", false, "lobby", "bye"),
                ChatMessage.from(settings, CONNECTION, "lobby", "bye"));
    }

    @Test
    void withoutLoginOrLabelTheConnectionIdSpeaksUnverified() {
        assertEquals(new ChatMessage(CONNECTION, false, "attic", "hey"),
                ChatMessage.from(new FixedSettings(Map.of()), CONNECTION, "attic", "hey"));
    }

    @Test
    void theNotificationDataNamesTheSenderFirst() {
        try (JsonCodec json = new JsonCodec()) {
            assertEquals("{\"from\":\"alice\",\"verified\":true,\"room\":\"lobby\",\"text\":\"hi\"}",
                    json.write(new ChatMessage("alice", true, "lobby", "hi")));
        }
    }
}
