package io.p3protocol.query.anchoring;

import io.p3protocol.kernel.anchoring.AnchorStatus;
import io.p3protocol.kernel.anchoring.AnchorSummary;
import io.p3protocol.kernel.anchoring.FindAnchor;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Answers {@link FindAnchor} from anchor_view: the seam the audit checkpoints and reports use to show an anchor. */
@Component
public class AnchorQueryHandlers {
    private final JdbcTemplate jdbc;

    public AnchorQueryHandlers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public AnchorSummary handle(FindAnchor query) {
        return jdbc.query("SELECT * FROM anchor_view WHERE root = ?", AnchorQueryHandlers::summary, query.root())
                .stream().findFirst().orElse(null);
    }

    private static AnchorSummary summary(ResultSet rs, int row) throws SQLException {
        return new AnchorSummary(rs.getString("root"), rs.getLong("leaf_count"), rs.getString("meta"),
                AnchorStatus.valueOf(rs.getString("status")), rs.getInt("attempt"), rs.getString("tx_hash"),
                rs.getObject("chain_id", Long.class), rs.getString("contract_address"),
                rs.getBoolean("already_anchored"), rs.getObject("required_confirmations", Integer.class),
                rs.getObject("block_number", Long.class), rs.getString("block_hash"),
                rs.getObject("confirmations", Long.class), rs.getString("failure_reason"),
                rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
