package io.p3protocol.query.graphql;

import java.util.List;
import java.util.function.ToLongFunction;

/** A Relay connection: what every paginated list field returns. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

    public record Edge<T>(String cursor, T node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    /** Wraps one page of nodes, each with the cursor of its list position. */
    public static <T> Connection<T> of(List<T> nodes, ToLongFunction<T> position, PageCursors cursors,
                                       boolean hasPrevious, boolean hasMore) {
        List<Edge<T>> edges = nodes.stream()
                .map(node -> new Edge<>(cursors.encode(position.applyAsLong(node)), node)).toList();
        return new Connection<>(edges, new PageInfo(hasMore, hasPrevious,
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }
}
