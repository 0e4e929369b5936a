package dev.leakgate.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON file of settings keyed by the parameters' names, for what a command line cannot say well: lists of requests
 * and rules, the app's environment. {@code {"script": "server.js", "requests": ["GET /orders"]}}.
 */
public final class ConfigFile {

    private final JsonFactory json = new JsonFactory();

    /** The file's object, its values as {@link ValueType#fromJson} takes them. */
    public Map<String, Object> read(Path file) {
        try (JsonParser parser = json.createParser(Files.readAllBytes(file))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw refused(file, "it must hold one JSON object, keyed by parameter names");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value(parser);
            if (parser.nextToken() != null) {
                throw refused(file, "there is more after its object");
            }
            return object;
        } catch (NoSuchFileException e) {
            throw refused(file, "there is no such file");
        } catch (JsonProcessingException e) {
            throw refused(file, "it is not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw refused(file, "it cannot be read: " + e.getMessage());
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> null;
        };
    }

    private static InvalidSettingsException refused(Path file, String why) {
        return new InvalidSettingsException("config", "the config file " + file + " cannot be used: " + why);
    }
}
