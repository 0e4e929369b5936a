package dev.leakgate.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineOutputStreamTest {

    private final List<String> lines = new ArrayList<>();
    private final LineOutputStream stream = new LineOutputStream(lines::add);

    @Test
    void decodesACharacterSplitAcrossTwoWritesWhole() {
        byte[] bytes = "größe\n".getBytes(StandardCharsets.UTF_8);
        int middleOfUmlaut = 3;

        stream.write(bytes, 0, middleOfUmlaut);
        stream.write(bytes, middleOfUmlaut, bytes.length - middleOfUmlaut);

        assertEquals(List.of("größe"), lines);
    }

    @Test
    void splitsSeveralLinesInOneWriteAndDropsCarriageReturns() {
        byte[] bytes = "one\r\ntwo\nthree".getBytes(StandardCharsets.UTF_8);

        stream.write(bytes, 0, bytes.length);

        assertEquals(List.of("one", "two"), lines);
    }

    @Test
    void keepsALastLineWithoutNewlineOnceFlushed() {
        byte[] bytes = "done\npartial".getBytes(StandardCharsets.UTF_8);

        stream.write(bytes, 0, bytes.length);
        stream.flush();

        assertEquals(List.of("done", "partial"), lines);
    }
}
