package io.p3protocol.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackTest {

    @Test
    void acceptsLiteralLoopbackOnly() {
        assertThat(Loopback.requireLoopback("http://127.0.0.1:8080").getPort()).isEqualTo(8080);
        assertThat(Loopback.requireLoopback("http://[::1]:8080/x").getHost()).isEqualTo("[::1]");
        assertThatThrownBy(() -> Loopback.requireLoopback("http://10.0.0.1:8080")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Loopback.requireLoopback("http://example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Loopback.requireLoopback("http://localhost:8080")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksJdbcHosts() {
        assertThat(Loopback.requireLoopbackJdbc("jdbc:postgresql://127.0.0.1:5432/p3")).endsWith("/p3");
        assertThatThrownBy(() -> Loopback.requireLoopbackJdbc("jdbc:postgresql://db.internal:5432/p3"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Loopback.requireLoopbackJdbc("jdbc:postgresql://127.0.0.1:5432,10.0.0.2:5432/p3"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Loopback.requireLoopbackJdbc("jdbc:mysql://127.0.0.1/p3")).isInstanceOf(IllegalArgumentException.class);
    }
}
