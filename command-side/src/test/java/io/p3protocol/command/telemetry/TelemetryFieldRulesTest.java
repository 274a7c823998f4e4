package io.p3protocol.command.telemetry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader checks its fields with loops instead of regular expressions (for speed); these tests hold the loops to
 * the expressions the rules are documented as, over hand-picked edge cases and many random strings.
 */
class TelemetryFieldRulesTest {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern EVM_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern GEO_REGION = Pattern.compile("[\\p{L}\\p{N} .,'()/_-]{1,64}");
    /** Characters from each class the rules distinguish, and some from none of them. */
    private static final String ALPHABET = "aZ09._:-x/ ,'()éß漢٣Ⅻ½\t\n\"<>;@#!?+*=\u00a0\u200b\ud835\udc00";

    @Test
    void edgeCasesAreJudgedAsByTheDocumentedExpressions() {
        List<String> cases = List.of("", "a", "a".repeat(128), "a".repeat(129), "sess-1:part.two_3", "sess 1",
                "sess/1", "0x" + "aB".repeat(20), "0x" + "aB".repeat(19) + "a", "0x" + "g".repeat(40),
                "0X" + "a".repeat(40), "0x" + "٣".repeat(40), "0x" + "Ａ".repeat(40), // digits of other scripts
                "Île-de-France", "São Paulo (SP)", "Zone 7/B_x-y, 'north'", "区域٣",
                "x".repeat(64), "x".repeat(65), "\ud835\udc00".repeat(64), "\ud835\udc00".repeat(65), "tab\there");
        for (String value : cases) {
            assertSameJudgement(value);
        }
    }

    @Test
    void randomStringsAreJudgedAsByTheDocumentedExpressions() {
        SplittableRandom random = new SplittableRandom(42);
        int[] codePoints = ALPHABET.codePoints().toArray();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(0, i % 2 == 0 ? 8 : 140);
            StringBuilder value = new StringBuilder(i % 5 == 0 ? "0x" : "");
            for (int c = 0; c < length; c++) {
                value.appendCodePoint(codePoints[random.nextInt(i % 3 == 0 ? 4 : codePoints.length)]);
            }
            values.add(value.toString());
        }
        values.forEach(TelemetryFieldRulesTest::assertSameJudgement);
    }

    private static void assertSameJudgement(String value) {
        assertThat(TelemetryBatchReader.isIdentifier(value, 128)).as("identifier %s", value)
                .isEqualTo(IDENTIFIER.matcher(value).matches());
        assertThat(TelemetryBatchReader.isEvmAddress(value)).as("EVM address %s", value)
                .isEqualTo(EVM_ADDRESS.matcher(value).matches());
        assertThat(TelemetryBatchReader.isGeoRegion(value)).as("geo region %s", value)
                .isEqualTo(GEO_REGION.matcher(value).matches());
    }
}
