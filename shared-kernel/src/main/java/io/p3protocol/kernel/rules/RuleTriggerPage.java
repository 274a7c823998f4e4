package io.p3protocol.kernel.rules;

import java.util.List;

public record RuleTriggerPage(List<RuleTriggerSummary> triggers, boolean hasPrevious, boolean hasMore) {
}
