package dev.causa.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.json.Json;

/** A page of a listing: {@code {"items": [...], "next": "<cursor>" | null}}; pass {@code next} as {@code cursor}. */
final class Paging {

    static final String ITEMS = "items";
    static final String NEXT = "next";

    private Paging() {
    }

    static ObjectNode page(ArrayNode items, String next) {
        ObjectNode json = Json.object();
        json.set(ITEMS, items);
        json.put(NEXT, next);
        return json;
    }
}
