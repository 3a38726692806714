package dev.causa.engine.testkit;

import dev.causa.engine.Causa;
import dev.causa.engine.event.CausaEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Opens a real engine on a real MapDB file with the test extensions embedded. */
public final class TestEngine {

    private TestEngine() {
    }

    public static List<Object> extensions() {
        return List.of(new StepsAction(), new StepsAction.Context(), new StepsJob(), new SpinJob(), new OrderJob(),
                new LimitedJob());
    }

    public static Causa open(Path home) {
        return Causa.open(new Causa.Options(home, List.of(), 2, extensions()));
    }

    /** Records every event the engine publishes. */
    public static List<CausaEvent> record(Causa causa) {
        List<CausaEvent> events = new CopyOnWriteArrayList<>();
        causa.events().subscribe(events::add);
        return events;
    }

    /** JSON input for test.steps. */
    public static String steps(String name, int jobs, int steps, int holdBefore) {
        return "{\"name\":\"" + name + "\",\"jobs\":" + jobs + ",\"steps\":" + steps + ",\"hold_before\":"
                + holdBefore + "}";
    }
}
