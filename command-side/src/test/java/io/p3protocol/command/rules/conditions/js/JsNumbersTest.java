package io.p3protocol.command.rules.conditions.js;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** JavaScript number conversions; expected values are what Node.js 20 prints. */
class JsNumbersTest {

    @ParameterizedTest(name = "String({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0 | 1
            -0.0 | 0
            0.1 | 0.1
            0.30000000000000004 | 0.30000000000000004
            1e21 | 1e+21
            999999999999999900000 | 999999999999999900000
            1e-7 | 1e-7
            0.000001 | 0.000001
            1.5e-10 | 1.5e-10
            123456789.125 | 123456789.125
            9007199254740993 | 9007199254740992
            18446744073709551616 | 18446744073709552000
            5e-324 | 5e-324
            1.7976931348623157e308 | 1.7976931348623157e+308
            -2.5 | -2.5
            """)
    void numberToStringIsJavaScripts(double value, String expected) {
        assertThat(JsNumbers.toString(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Number(\"{0}\") = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `` | 0
            `   ` | 0
            ` 12 ` | 12
            `\u00a012\u3000` | 12
            1e3 | 1000
            .5 | 0.5
            5. | 5
            -5.e1 | -50
            +7 | 7
            0x1F | 31
            0o17 | 15
            0b101 | 5
            -0x10 | NaN
            0x | NaN
            Infinity | Infinity
            -Infinity | -Infinity
            infinity | NaN
            NaN | NaN
            1_000 | NaN
            10n | NaN
            1d | NaN
            1f | NaN
            0x1p3 | NaN
            12abc | NaN
            \u0661 | NaN
            """)
    void stringToNumberIsJavaScripts(String text, double expected) {
        assertThat(Double.valueOf(JsNumbers.stringToNumber(text.translateEscapes()))).isEqualTo(Double.valueOf(expected)); // boxed: NaN equals NaN
    }

    @ParameterizedTest(name = "parseFloat(\"{0}\") = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ` 50` | 50
            50% | 50
            .5e1x | 5
            1e | 1
            -Infinityx | -Infinity
            0x10 | 0
            abc | NaN
            `` | NaN
            """)
    void parseFloatIsJavaScripts(String text, double expected) {
        assertThat(Double.valueOf(JsNumbers.parseFloat(text))).isEqualTo(Double.valueOf(expected)); // boxed: NaN equals NaN
    }

    @ParameterizedTest(name = "({0}).toFixed(2) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            100.015 | 100.02
            99.97999999999999 | 99.98
            1.005 | 1.00
            -100 | -100.00
            -0.001 | -0.00
            0 | 0.00
            1e21 | 1e+21
            NaN | NaN
            """)
    void toFixedIsJavaScripts(double value, String expected) {
        assertThat(JsNumbers.toFixed(value, 2)).isEqualTo(expected);
    }
}
