package dev.leakgate.analysis;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code leakgate-baseline.json}: the growth a team accepts for now, meant to be committed next to the POM
 * and reviewed like code.
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "accepted": [
 *     { "constructor": "Session", "shape": "count", "growthPerRequest": 1.0 },
 *     { "constructor": "Map", "shape": "collection", "object": "handler() › context › sessions › Map",
 *       "growthPerRequest": 2.0 }
 *   ]
 * }
 * }</pre>
 */
public final class GrowthBaselineFile {

    public static final int SCHEMA_VERSION = 1;

    private final JsonFactory json = new JsonFactory();

    /** The baseline in the file; {@link GrowthBaseline#NONE} when there is no such file. */
    public GrowthBaseline read(Path file) throws BaselineFileException {
        if (!Files.exists(file)) {
            return GrowthBaseline.NONE;
        }
        try (JsonParser parser = json.createParser(file.toFile())) {
            return parse(parser, file);
        } catch (BaselineFileException e) {
            throw e; // says what is wrong with the file already
        } catch (JsonProcessingException e) {
            throw new BaselineFileException(file + " is not valid JSON: " + e.getOriginalMessage()
                    + "; record it again with the baseline goal", e);
        } catch (IOException e) {
            throw new BaselineFileException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BaselineFileException(file + ": " + e.getMessage(), e);
        }
    }

    public void write(GrowthBaseline baseline, Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        try (JsonGenerator out = json.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            out.writeNumberField("schemaVersion", SCHEMA_VERSION);
            out.writeArrayFieldStart("accepted");
            for (AcceptedGrowth growth : baseline.accepted()) {
                out.writeStartObject();
                out.writeStringField("constructor", growth.constructor());
                out.writeStringField("shape", growth.shape().label());
                if (growth.object() != null) {
                    out.writeStringField("object", growth.object());
                }
                out.writeNumberField("growthPerRequest", growth.growthPerRequest());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
            out.writeRaw(System.lineSeparator());
        }
    }

    private static GrowthBaseline parse(JsonParser parser, Path file) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new BaselineFileException(file + " must hold a JSON object with \"schemaVersion\" and \"accepted\"");
        }
        Integer version = null;
        List<AcceptedGrowth> accepted = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "schemaVersion" -> version = parser.getIntValue();
                case "accepted" -> accepted = readAccepted(parser, file);
                default -> parser.skipChildren();
            }
        }
        if (version == null || version != SCHEMA_VERSION) {
            throw new BaselineFileException(file + " has schemaVersion " + version + "; this leakgate reads version "
                    + SCHEMA_VERSION + ". Record it again with the baseline goal");
        }
        if (accepted == null) {
            throw new BaselineFileException(file + " has no \"accepted\" list");
        }
        return new GrowthBaseline(accepted);
    }

    private static List<AcceptedGrowth> readAccepted(JsonParser parser, Path file) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new BaselineFileException(file + ": \"accepted\" must be a list");
        }
        List<AcceptedGrowth> accepted = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String constructor = null;
            String shape = null;
            String object = null;
            Double growth = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "constructor" -> constructor = parser.getValueAsString();
                    case "shape" -> shape = parser.getValueAsString();
                    case "object" -> object = parser.getValueAsString();
                    case "growthPerRequest" -> growth = parser.getValueAsDouble();
                    default -> parser.skipChildren();
                }
            }
            if (constructor == null || shape == null || growth == null) {
                throw new BaselineFileException(file + ": entry " + (accepted.size() + 1)
                        + " of \"accepted\" needs \"constructor\", \"shape\" and \"growthPerRequest\"");
            }
            accepted.add(new AcceptedGrowth(constructor, shape(shape, file), object, growth));
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw new BaselineFileException(file + ": \"accepted\" must list objects");
        }
        return accepted;
    }

    private static Shape shape(String name, Path file) throws BaselineFileException {
        try {
            return Shape.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BaselineFileException(file + ": shape '" + name + "' is none of count, bytes, collection");
        }
    }
}
