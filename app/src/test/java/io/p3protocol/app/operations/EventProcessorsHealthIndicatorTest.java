package io.p3protocol.app.operations;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class EventProcessorsHealthIndicatorTest {
    private static final ProcessorReport.DeadLetters NONE = new ProcessorReport.DeadLetters(true, 0, 0);

    private static ProcessorReport processor(String name, boolean running, String segmentError) {
        ProcessorReport.Segment segment = new ProcessorReport.Segment(0, 5L, 0, false, null, "node", true, true,
                segmentError);
        return new ProcessorReport(name, "pooled", running, segmentError != null, false, 0, NONE, List.of(segment));
    }

    private static Health health(ProcessorReport... processors) {
        ProcessorStatusReader reader = mock(ProcessorStatusReader.class);
        when(reader.all()).thenReturn(List.of(processors));
        return new EventProcessorsHealthIndicator(reader).health();
    }

    @Test
    void upWhenEveryProcessorRuns() {
        Health health = health(processor("a", true, null), processor("b", true, null));
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("a", "b");
    }

    @Test
    void downWithTheErrorWhenAProcessorIsInError() {
        Health health = health(processor("a", true, null), processor("b", true, "IllegalStateException: boom"));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) health.getDetails().get("b");
        assertThat(b).containsEntry("status", "DOWN").containsEntry("error", "IllegalStateException: boom");
    }

    @Test
    void outOfServiceWhenAProcessorIsStopped() {
        assertThat(health(processor("a", false, null), processor("b", true, null)).getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void anErrorOutweighsAStoppedProcessor() {
        assertThat(health(processor("a", false, null), processor("b", true, "boom")).getStatus())
                .isEqualTo(Status.DOWN);
    }
}
