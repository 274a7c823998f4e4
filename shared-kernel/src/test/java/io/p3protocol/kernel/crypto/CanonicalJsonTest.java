package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    @Test
    void sortsMembersAtEveryDepthAndDropsWhitespace() throws IOException {
        String canonical = CanonicalJson.toString(CanonicalJson.parse(
                "{ \"b\" : [ { \"z\":1, \"a\":2 } ],\n \"a\" : { \"y\": null, \"x\": true } }"));
        assertThat(canonical).isEqualTo("{\"a\":{\"x\":true,\"y\":null},\"b\":[{\"a\":2,\"z\":1}]}");
    }

    @Test
    void sortsNamesByUtf16CodeUnitsLikeRfc8785() throws IOException {
        assertThat(CanonicalJson.toString(CanonicalJson.parse("{\"é\":1,\"Z\":2,\"a\":3,\"\":4}")))
                .isEqualTo("{\"\":4,\"Z\":2,\"a\":3,\"é\":1}");
    }

    @Test
    void keepsNumbersExactlyAsWritten() throws IOException {
        String canonical = CanonicalJson.toString(CanonicalJson.parse(
                "[1, -0, 12345678901234567890123, 0.1, 1.50, 1e3, 3.141592653589793238462643383279]"));
        assertThat(canonical).isEqualTo("[1,0,12345678901234567890123,0.1,1.50,1E+3,3.141592653589793238462643383279]");
    }

    @Test
    void isIdempotent() throws IOException {
        String once = CanonicalJson.toString(CanonicalJson.parse(
                "{\"n\":[1e3,2.50,-7],\"s\":\"tab\\t quote\\\" \\u0001 ünï €\",\"o\":{\"b\":{},\"a\":[]}}"));
        assertThat(CanonicalJson.toString(CanonicalJson.parse(once))).isEqualTo(once);
    }

    @Test
    void writesNonAsciiAsRawUtf8AndEscapesOnlyQuotesBackslashesAndControls() throws IOException {
        byte[] bytes = CanonicalJson.toBytes(CanonicalJson.parse("\"ü/\\\\\\\"\\n\\u001F𝄞\""));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\"ü/\\\\\\\"\\n\\u001f𝄞\"");
        assertThat(bytes).hasSize(1 + 2 + 1 + 2 + 2 + 2 + 6 + 4 + 1); // ü and 𝄞 as raw UTF-8 (2 and 4 bytes)
    }

    @Test
    void refusesDuplicateMemberNames() {
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}")).isInstanceOf(IOException.class);
    }

    @Test
    void refusesTrailingContent() {
        assertThatThrownBy(() -> CanonicalJson.parse("{} {}")).isInstanceOf(IOException.class);
    }
}
