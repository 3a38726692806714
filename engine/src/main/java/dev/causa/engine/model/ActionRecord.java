package dev.causa.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The audit trail of one action run: what was asked, by whom, with what (sanitized) input, and what came of it. */
public final class ActionRecord {

    /** How an action run ended. */
    public enum Status {
        @JsonProperty("running") RUNNING,
        @JsonProperty("completed") COMPLETED,
        @JsonProperty("failed") FAILED
    }

    public String id;
    public String actionType;
    public Instant initiatedAt;
    public String initiatedBy;
    public JsonNode actionInput;
    public Map<String, Object> context;
    public Status status;
    public List<String> jobIds = new ArrayList<>();
    public String error;
    public Instant finishedAt;
    /** The action run this one replays, if any. */
    public String replayOf;
    /** The schedule that started this run, if any. */
    public String schedule;
    /** The fire time of {@link #schedule} this run was meant for. */
    public Instant scheduledFor;
}
