package dev.leakgate.snapshot;

/** Property names as DevTools prints them inside shape names such as {@code {a, "b,c"}}. */
final class PropertyNames {

    private PropertyNames() {}

    /** Names with commas, quotes or braces are quoted as JSON strings, so shape names stay unambiguous. */
    static String format(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (",'\"{}".indexOf(name.charAt(i)) >= 0) {
                return jsonString(name);
            }
        }
        return name;
    }

    /** The string as {@code JSON.stringify} writes it. */
    static String jsonString(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(value, i)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static boolean isLoneSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
    }
}
