package dev.leakgate.settings;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeepSnapshotsTest {

    @Test
    void readsTheParameterWhateverItsCaseAndSpaces() {
        assertEquals(KeepSnapshots.ON_FAILURE, KeepSnapshots.fromParameter(" onfailure "));
        assertEquals(KeepSnapshots.ALWAYS, KeepSnapshots.fromParameter("always"));
        assertEquals(KeepSnapshots.NEVER, KeepSnapshots.fromParameter("NEVER"));
    }

    @Test
    void refusesAnUnknownOrMissingValueNamingTheParameterAndItsChoices() {
        assertEquals("keepSnapshots must be one of never, onFailure, always; was 'sometimes'",
                assertThrows(IllegalArgumentException.class, () -> KeepSnapshots.fromParameter("sometimes")).getMessage());
        assertEquals("keepSnapshots must be one of never, onFailure, always; was 'null'",
                assertThrows(IllegalArgumentException.class, () -> KeepSnapshots.fromParameter(null)).getMessage());
    }
}
