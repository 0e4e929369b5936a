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
    void isCalledByTheNameItself_aMethodOfIt_orNewOfIt() {
        ModuleLoad load = ModuleLoad.of("const { LRUCache } = require('lru-cache');", "lru-cache").orElseThrow();

        assertTrue(load.isCalledBy("LRUCache"));
        assertTrue(load.isCalledBy("new LRUCache"));
        assertTrue(load.isCalledBy("LRUCache.create"));
        assertFalse(load.isCalledBy("cache.set"));
        assertFalse(load.isCalledBy("LRUCacheOptions"));
    }
}
