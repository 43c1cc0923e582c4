package dev.magpie.imports.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.ProfileAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The profiles of an API bulk import job: the request's {@code data.attributes.profiles.data} array, as stored
 * when the job was created, read one profile object at a time.
 */
final class ApiImportSource implements ImportSource {

    private final Path file;

    /** Reads one profile object at a time from the array, the rest of which is still to come. */
    private final ObjectReader profiles;

    private final ApiProfileReader reader;

    private final int total;

    private JsonParser parser;

    private int position;

    ApiImportSource(Path file, JsonMapper json, int total) {
        this.file = file;
        this.profiles = json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.reader = new ApiProfileReader(json);
        this.total = total;
    }

    @Override
    public int count() {
        return total;
    }

    @Override
    public void skip(int rows) {
        open();
        while (position < rows && nextProfile() != null) {
            position++;
        }
    }

    @Override
    public List<ImportRow> next(int max) {
        open();
        List<ImportRow> rows = new ArrayList<>(max);
        JsonNode profile;
        while (rows.size() < max && (profile = nextProfile()) != null) {
            position++;
            rows.add(row(position, profile));
        }
        return rows;
    }

    private ImportRow row(int position, JsonNode profile) {
        // Klaviyo points at the profile's index in the request: /data/attributes/profiles/data/0 is the first
        int index = position - 1;
        ApiProfileReader.Read read = reader.read(profile);
        return new ImportRow() {

            @Override
            public int position() {
                return position;
            }

            @Override
            public ProfileAttributes attributes() {
                return read.attributes();
            }

            @Override
            public RowFailure refusal() {
                return read.refused() == null ? null
                        : new RowFailure(index, read.refused().field(), read.refused().value(),
                                read.refused().getMessage(), profile.toString());
            }

            @Override
            public RowFailure refusedBy(InvalidProfileException refused) {
                String field = refused.field() == null || refused.field().isBlank() ? null : refused.field();
                return new RowFailure(index, field, ApiProfileReader.valueAt(profile, field),
                        refused.getMessage(), profile.toString());
            }
        };
    }

    private JsonNode nextProfile() {
        try {
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.END_ARRAY) {
                return null;
            }
            return profiles.readValue(parser);
        }
        catch (JacksonException unreadable) {
            throw new UnreadableSource("The stored profiles could not be read: " + unreadable.getOriginalMessage(),
                    unreadable);
        }
    }

    private void open() {
        if (parser != null) {
            return;
        }
        try {
            parser = profiles.createParser(Files.newInputStream(file));
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UnreadableSource("The stored profiles are not a list.", null);
            }
        }
        catch (IOException | JacksonException unreadable) {
            throw new UnreadableSource("The stored profiles could not be read: " + unreadable.getMessage(),
                    unreadable);
        }
    }

    @Override
    public void close() {
        if (parser != null) {
            parser.close();
        }
    }
}
