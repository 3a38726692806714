package dev.causa.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.redact.Redactor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The direct conversions on the dispatch path give what the round trips through Jackson gave. */
class PlainValuesTest {

    @Test
    void toMapWalksTheTreeAsConvertValueWould() throws Exception {
        JsonNode tree = Json.parse("""
                {"s":"x","i":7,"l":12345678901234,"d":2.5,"big":123456789012345678901234567890,"t":true,"n":null,
                 "a":[1,"two",[3],{"k":"v"}],"o":{"inner":{"deep":[]}}}""");
        Object viaJackson = Json.mapper().convertValue(tree, LinkedHashMap.class);
        assertThat(Json.toMap(tree)).isEqualTo(viaJackson);
        assertThat(Json.toMap(Json.parse("{}"))).isEmpty();
        // trees made from Java values hold floats and decimals that parsed JSON does not
        record Numbers(float f, java.math.BigDecimal d, long l, short s) {
        }
        JsonNode made = Json.tree(Map.of("n", new Numbers(1.5f, new java.math.BigDecimal("2.25"), 3L, (short) 4)));
        assertThat(Json.toMap(made)).isEqualTo(Json.mapper().convertValue(made, LinkedHashMap.class));
        assertThat(Json.toMap(null)).isNull();
    }

    @Test
    void plainCopyTakesJsonValuesAndLeavesTheRestToTheRedactor() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("files", List.of("a", "b"));
        nested.put("count", 3);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("location", "Documents");
        context.put("options", nested);
        context.put("missing", null);
        Map<String, Object> copy = Redactor.plainCopy(context);
        assertThat(copy).isEqualTo(context).isNotSameAs(context);
        assertThat(copy.get("options")).isNotSameAs(nested);
        // what plainCopy declines: a key naming a secret (at any depth), a value that is not JSON
        assertThat(Redactor.plainCopy(Map.of("options", Map.of("api_key", "k")))).isNull();
        assertThat(Redactor.plainCopy(Map.of("password", "p"))).isNull();
        assertThat(Redactor.plainCopy(Map.of("where", Path.of("/tmp")))).isNull();
        assertThat(Redactor.plainCopy(Map.of("list", List.of(Path.of("/tmp"))))).isNull();
    }
}
