package dev.leakgate.inspector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses one CDP message; fields may come in any order. */
final class CdpMessageReader {

    private final JsonFactory json;

    CdpMessageReader(JsonFactory json) {
        this.json = json;
    }

    CdpMessage read(String text) throws IOException {
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a CDP message must be a JSON object: " + abbreviate(text));
            }
            Long id = null;
            String method = null;
            JsonObject params = JsonObject.EMPTY;
            JsonObject result = null;
            JsonObject error = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "id" -> id = parser.getLongValue();
                    case "method" -> method = parser.getText();
                    case "params" -> params = readObject(parser);
                    case "result" -> result = readObject(parser);
                    case "error" -> error = readObject(parser);
                    default -> parser.skipChildren();
                }
            }
            if (id != null) {
                return new CdpMessage.Response(id, result == null ? JsonObject.EMPTY : result, error);
            }
            if (method != null) {
                return new CdpMessage.Event(method, params);
            }
            throw new IOException("a CDP message has neither an id nor a method: " + abbreviate(text));
        }
    }

    private static JsonObject readObject(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object at " + parser.currentLocation());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            fields.put(name, readValue(parser));
        }
        return new JsonObject(Collections.unmodifiableMap(fields));
    }

    private static Object readValue(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + parser.currentToken() + " at " + parser.currentLocation());
        };
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            values.add(readValue(parser));
        }
        return values;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
