package io.yoctopus.runtime.json;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Writes the wire protocol's messages. Responses are assembled as text around the already serialized
 * data, so a response is serialized exactly once.
 */
public final class Messages {

    private final JsonCodec json;

    public Messages(JsonCodec json) {
        this.json = json;
    }

    /** {@code {"meta":{id, endpoint, method, "status":"ok"},"data":...}} */
    public String response(JsonValue id, String endpoint, String method, String data) {
        return meta(id, endpoint, method, "ok").append(",\"data\":").append(data).append('}').toString();
    }

    /**
     * {@code {"meta":{id, endpoint, method, "status":"error"},"error": message or [messages]}}; null meta fields
     * and a JSON null id are left out. The messages are {@linkplain ErrorText#bounded bounded} here, where every
     * error leaves, whoever wrote them.
     */
    public String error(JsonValue id, String endpoint, String method, List<String> errors) {
        List<String> bounded = ErrorText.bounded(errors);
        String error = bounded.size() == 1 ? quote(bounded.get(0)) : json.write(bounded);
        return meta(id, endpoint, method, "error").append(",\"error\":").append(error).append('}').toString();
    }

    /** A notification of any data JSON-B can write. */
    public String notification(String type, Object data) {
        return notification(type, json.write(data));
    }

    /** {@code {"meta":{"method":"notify","type":type},"data":...}} */
    public String notification(String type, String data) {
        return "{\"meta\":{\"method\":\"notify\",\"type\":" + quote(type) + "},\"data\":" + data + "}";
    }

    private StringBuilder meta(JsonValue id, String endpoint, String method, String status) {
        StringBuilder text = new StringBuilder(128).append("{\"meta\":{");
        if (id != null && id != JsonValue.NULL) {
            text.append("\"id\":").append(id instanceof JsonString string ? quote(string.getString()) : id.toString())
                    .append(',');
        }
        if (endpoint != null) {
            text.append("\"endpoint\":").append(quote(endpoint)).append(',');
        }
        if (method != null) {
            text.append("\"method\":").append(quote(method)).append(',');
        }
        return text.append("\"status\":\"").append(status).append("\"}");
    }

    /** A JSON string literal; JSON-P only for text that needs escaping (rare in ids, endpoints, methods). */
    private String quote(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f) {
                return json.string(text).toString();
            }
        }
        return '"' + text + '"';
    }
}
