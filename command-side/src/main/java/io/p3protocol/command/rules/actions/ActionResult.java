package io.p3protocol.command.rules.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The original's ActionResult {@code {success, result?, error?, metadata?}}; absent parts are left out of JSON as
 * JavaScript left undefined keys out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(boolean success, JsonNode result, String error, ObjectNode metadata) {

    public static ActionResult succeeded(JsonNode result, ObjectNode metadata) {
        return new ActionResult(true, result, null, metadata);
    }

    public static ActionResult failed(String error, ObjectNode metadata) {
        return new ActionResult(false, null, error, metadata);
    }
}
