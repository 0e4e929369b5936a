package dev.leakgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The lines that load a package, and the names the app then calls it by, as a leak's set-up line is found. */
class ModuleLoadTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "const session = require('express-session');|express-session|session",
            "import session from \"express-session\";|express-session|session",
            "import * as winston from 'winston';|winston|winston",
            "const { LRUCache: Cache } = require('lru-cache');|lru-cache|Cache",
            "import { LRUCache as Cache, other } from 'lru-cache/raw';|lru-cache|Cache other",
            "import Store, { MemoryStore } from '@acme/store';|@acme/store|Store MemoryStore",
            "  let limiter = require( 'express-rate-limit' )|express-rate-limit|limiter"})
    void namesWhatTheLineBindsThePackageTo(String line, String packageName, String names) {
        Optional<ModuleLoad> load = ModuleLoad.of(line, packageName);

        assertTrue(load.isPresent(), line);
        assertEquals(Set.of(names.split(" ")), load.get().names());
        assertEquals(line.indexOf(line.contains("require") ? "require" : "from"), load.get().column());
    }

    @Test
    void aLoadOfAnotherPackageWhoseNameStartsTheSameIsNone() {
        assertFalse(ModuleLoad.of("const session = require('express-session');", "express").isPresent());
        assertFalse(ModuleLoad.of("const express = require('express');", "express-session").isPresent());
    }

    @Test
    void aLoadWhoseResultIsCalledAtOnceBindsNoName() {
        ModuleLoad load = ModuleLoad.of("app.use(require('express-session')({ secret }));", "express-session")
                .orElseThrow();

        assertEquals(Set.of(), load.names());
    }

    @Test
    void theFirstCallOfABoundNameAfterTheLoadIsWhereThePackageIsSetUp() {
        String[] lines = {
                "const session = require('express-session');",
                "const app = express();",
                "// session({ secret }) in a comment is no call",
                "app.use(mySession(), store.session(), session({ secret: 's' }));"};
        ModuleLoad load = ModuleLoad.of(lines[0], "express-session").orElseThrow();

        assertEquals(Optional.of(new ModuleLoad.Call(3, lines[3].indexOf("session({"), "session")), load.firstCall(lines, 0));
    }

    @Test
    void aCallOfAMethodOrANewOfTheBoundNameCounts() {
        String[] lines = {"import * as winston from 'winston';", "const cache = new LRUCache({ max: 5 });",
                "const logger = winston . createLogger({ transports });"};
        ModuleLoad winston = ModuleLoad.of(lines[0], "winston").orElseThrow();
        ModuleLoad cache = ModuleLoad.of("const { LRUCache } = require('lru-cache');", "lru-cache").orElseThrow();

        assertEquals(Optional.of(new ModuleLoad.Call(2, 15, "winston.createLogger")), winston.firstCall(lines, 0));
        assertEquals(Optional.of(new ModuleLoad.Call(1, 14, "new LRUCache")), cache.firstCall(lines, 0));
    }

    @Test
    void aLoadWhoseNamesAreNeverCalledHasNoCall() {
        String[] lines = {"const session = require('express-session');", "module.exports = { session };"};

        assertEquals(Optional.empty(), ModuleLoad.of(lines[0], "express-session").orElseThrow().firstCall(lines, 0));
    }
}
