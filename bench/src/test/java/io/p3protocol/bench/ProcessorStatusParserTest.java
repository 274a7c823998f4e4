package io.p3protocol.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorStatusParserTest {

    @Test
    void parsesTheDocumentedShape() {
        String body = """
                {"processors":[
                  {"name":"tenancy-views","replaying":true,"lag":0,"position":900,
                   "segments":[{"segment":0,"position":123,"resetPosition":456,"replaying":true,"caughtUp":false},
                               {"segment":1,"position":456,"resetPosition":456,"replaying":false}]},
                  {"name":"other","replaying":false,"segments":[]}]}""";
        List<ProcessorStatus> all = ProcessorStatusParser.parse(body);
        assertThat(all).extracting(ProcessorStatus::name).containsExactly("tenancy-views", "other");
        ProcessorStatus p = all.get(0);
        assertThat(p.replaying()).isTrue();
        assertThat(p.lag()).isEqualTo(OptionalLong.of(0));
        assertThat(p.position()).isEqualTo(OptionalLong.of(900));
        assertThat(p.segments()).hasSize(2);
        assertThat(p.segments().get(0).segment()).isZero();
        assertThat(p.segments().get(0).position()).isEqualTo(OptionalLong.of(123));
        assertThat(p.segments().get(0).resetPosition()).isEqualTo(OptionalLong.of(456));
        assertThat(p.replayInProgress()).isTrue();
        assertThat(p.maxResetPosition()).isEqualTo(OptionalLong.of(456));
        assertThat(p.minPosition()).isEqualTo(OptionalLong.of(123));
        assertThat(ProcessorStatusParser.find(body, "other")).get().extracting(ProcessorStatus::replayInProgress).isEqualTo(false);
        assertThat(ProcessorStatusParser.find(body, "missing")).isEmpty();
    }

    @Test
    void rightAfterAResetASegmentWithNoPositionYetIsReplaying() {
        // The shape of the app's endpoint: head index on top, nullable positions, per-segment lag and owner.
        String body = """
                {"headGlobalIndex":120000,"processors":[{"name":"tenancy-views","mode":"pooled","running":true,"error":false,
                  "replaying":true,"lag":120000,"deadLetters":{"enabled":true,"sequences":0,"letters":0},
                  "segments":[{"segment":0,"position":null,"lag":120000,"replaying":true,"resetPosition":120000,
                               "owner":"1@host","claimed":true,"claimedHere":true,"error":null},
                              {"segment":1,"position":119990,"lag":10,"replaying":true,"resetPosition":120000,
                               "owner":"1@host","claimed":true,"claimedHere":true,"error":null}]}]}""";
        ProcessorStatus p = ProcessorStatusParser.find(body, "tenancy-views").orElseThrow();
        assertThat(p.segments().get(0).position()).isEmpty();
        assertThat(p.replayInProgress()).isTrue();
        assertThat(p.minPosition()).isEqualTo(OptionalLong.of(119990));
        assertThat(p.lag()).isEqualTo(OptionalLong.of(120000));
    }

    @Test
    void segmentErrorsAndPositionsAreReadForStallReports() {
        String body = """
                {"processors":[{"name":"tenancy-views","replaying":false,"lag":98976,
                  "segments":[{"segment":0,"position":1562,"error":"JdbcException: duplicate key"},
                              {"segment":1,"position":null,"error":null}]}]}""";
        ProcessorStatus p = ProcessorStatusParser.parse(body).get(0);
        assertThat(p.segments().get(0).error()).isEqualTo("JdbcException: duplicate key");
        assertThat(p.segments().get(1).error()).isNull();
        assertThat(p.positions()).containsExactly(1562L, -1L);
        assertThat(p.summary()).isEqualTo("tenancy-views: replaying=false, lag=98976; segment 0 position=1562 "
                + "error=JdbcException: duplicate key; segment 1 position=none");
    }

    @Test
    void replayIsOverWhenNoSegmentReplays() {
        String body = """
                {"processors":[{"name":"tenancy-views","replaying":false,
                  "segments":[{"segment":0,"position":456,"replaying":false},{"segment":1,"position":456,"replaying":false}]}]}""";
        ProcessorStatus p = ProcessorStatusParser.find(body, "tenancy-views").orElseThrow();
        assertThat(p.replayInProgress()).isFalse();
        assertThat(p.anyReplayingFlag()).isFalse();
    }

    @Test
    void aSegmentAtItsResetPositionCountsAsDoneEvenIfStillFlaggedReplaying() {
        // Axon keeps the ReplayToken until an event beyond the reset point arrives.
        String body = """
                {"processors":[{"name":"tenancy-views","segments":[{"segment":0,"position":456,"resetPosition":456,"replaying":true}]}]}""";
        ProcessorStatus p = ProcessorStatusParser.parse(body).get(0);
        assertThat(p.anyReplayingFlag()).isTrue();
        assertThat(p.replayInProgress()).isFalse();
    }

    @Test
    void withoutAFlagPositionsDecide() {
        String body = """
                [{"processorName":"tenancy-views","trackers":[{"segmentId":"3","currentPosition":"10","resetTokenPosition":"20"}]}]""";
        ProcessorStatus p = ProcessorStatusParser.parse(body).get(0);
        assertThat(p.name()).isEqualTo("tenancy-views");
        assertThat(p.segments().get(0).segment()).isEqualTo(3);
        assertThat(p.segments().get(0).replaying()).isNull();
        assertThat(p.replayInProgress()).isTrue();
    }

    @Test
    void acceptsProcessorsKeyedByNameAndStringBooleans() {
        String body = """
                {"tenancy-views":{"isReplaying":"true","segments":{"0":{"replaying":"false","position":{"globalIndex":77}}}}}""";
        ProcessorStatus p = ProcessorStatusParser.find(body, "tenancy-views").orElseThrow();
        assertThat(p.replaying()).isTrue();
        assertThat(p.segments().get(0).replaying()).isFalse();
        assertThat(p.segments().get(0).position()).isEqualTo(OptionalLong.of(77));
        assertThat(p.replayInProgress()).isFalse(); // segments decide when there are any
    }

    @Test
    void processorLevelFlagDecidesWhenThereAreNoSegments() {
        ProcessorStatus p = ProcessorStatusParser.parse("{\"processors\":[{\"name\":\"x\",\"replaying\":true}]}").get(0);
        assertThat(p.replayInProgress()).isTrue();
        ProcessorStatus q = ProcessorStatusParser.parse("{\"processors\":[{\"name\":\"x\",\"replaying\":false}]}").get(0);
        assertThat(q.replayInProgress()).isFalse();
    }

    @Test
    void rejectsBodiesWithoutProcessors() {
        assertThatThrownBy(() -> ProcessorStatusParser.parse("<html>nope</html>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessorStatusParser.parse("{\"processors\":[]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessorStatusParser.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
