package io.p3protocol.app.cluster;

import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/**
 * Spreads the segments of every pooled streaming processor evenly over the live nodes, so nodes that share one
 * database share the projection work instead of the first node keeping every segment. Axon's coordinator asks
 * this every token-claim interval; a node above its share releases the surplus and another node claims it.
 *
 * <p>A node is live while at least one of its database sessions ({@code application_name} "p3:&lt;node&gt;") has
 * run a query within {@link #LIVENESS}; every running node polls the event store and token table every few
 * seconds, and a node that stops or dies drops out, so the others take over its segments. The share only
 * balances load: correctness rests on the token claims, so on any doubt this answers "no limit".
 * It needs every node to use the same database role, because PostgreSQL hides other roles' session details.
 */
public class FairSegmentShare implements MaxSegmentProvider {
    static final Duration LIVENESS = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(FairSegmentShare.class);

    private final JdbcTemplate jdbc;

    public FairSegmentShare(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int getMaxSegments(String processorName) {
        try {
            Integer share = jdbc.queryForObject("""
                    SELECT CASE WHEN segments = 0 THEN ? ELSE ceil(segments::numeric / greatest(nodes, 1))::int END
                    FROM (SELECT (SELECT count(*) FROM tokenentry WHERE processorname = ?) AS segments,
                                 (SELECT count(DISTINCT application_name) FROM pg_stat_activity
                                  WHERE datname = current_database()
                                    AND application_name LIKE ? || '%'
                                    AND query_start > now() - make_interval(secs => ?)) AS nodes) counts""",
                    Integer.class, (int) Short.MAX_VALUE, processorName, NodeName.APPLICATION_NAME_PREFIX,
                    LIVENESS.toSeconds());
            return share == null || share < 1 ? Short.MAX_VALUE : share;
        } catch (DataAccessException e) {
            log.debug("Cannot compute the segment share of processor {}; claiming without limit", processorName, e);
            return Short.MAX_VALUE;
        }
    }
}
