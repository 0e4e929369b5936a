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

/**
 * {@code leakgate-baseline.json}: the growth a team accepts for now, meant to be committed next to the POM
 * and reviewed like code.
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 2,
 *   "accepted": [
 *     { "leak": "Session via server.js (module) › sessions (Map) › {table} (array) › []",
 *       "subject": "Session objects", "growthPerRequest": 1.0 }
 *   ]
 * }
 * }</pre>
 *
 * <p>Version 1 files (one entry per constructor, before leaks were grouped by cause) are refused with a message that
 * says to record the baseline again: their entries cannot be matched to leaks.
 */
public final class GrowthBaselineFile {

    public static final int SCHEMA_VERSION = 2;

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
                out.writeStringField("leak", growth.leak());
                out.writeStringField("subject", growth.subject());
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
                case "schemaVersion" -> version = requireReadable(parser.getIntValue(), file);
                case "accepted" -> accepted = readAccepted(parser, file);
                default -> parser.skipChildren();
            }
        }
        if (version == null) {
            throw new BaselineFileException(file + " has no schemaVersion; this leakgate reads version "
                    + SCHEMA_VERSION + ". Record it again with the baseline goal");
        }
        if (accepted == null) {
            throw new BaselineFileException(file + " has no \"accepted\" list");
        }
        return new GrowthBaseline(accepted);
    }

    /** Checked as soon as it is read: an older file's entries would not be understood. */
    private static int requireReadable(int version, Path file) throws BaselineFileException {
        if (version == 1) {
            throw new BaselineFileException(file + " was recorded per constructor (schemaVersion 1); this leakgate "
                    + "accepts growth per leak (schemaVersion " + SCHEMA_VERSION + "). Record it again with "
                    + "mvn leakgate:baseline");
        }
        if (version != SCHEMA_VERSION) {
            throw new BaselineFileException(file + " has schemaVersion " + version + "; this leakgate reads version "
                    + SCHEMA_VERSION + ". Record it again with the baseline goal");
        }
        return version;
    }

    private static List<AcceptedGrowth> readAccepted(JsonParser parser, Path file) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new BaselineFileException(file + ": \"accepted\" must be a list");
        }
        List<AcceptedGrowth> accepted = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String leak = null;
            String subject = "";
            Double growth = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "leak" -> leak = parser.getValueAsString();
                    case "subject" -> subject = parser.getValueAsString("");
                    case "growthPerRequest" -> growth = parser.getValueAsDouble();
                    default -> parser.skipChildren();
                }
            }
            if (leak == null || growth == null) {
                throw new BaselineFileException(file + ": entry " + (accepted.size() + 1)
                        + " of \"accepted\" needs \"leak\" and \"growthPerRequest\"");
            }
            accepted.add(new AcceptedGrowth(leak, subject, growth));
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw new BaselineFileException(file + ": \"accepted\" must list objects");
        }
        return accepted;
    }
}
