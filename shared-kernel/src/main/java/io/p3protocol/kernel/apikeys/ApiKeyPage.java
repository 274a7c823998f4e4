package io.p3protocol.kernel.apikeys;

import java.util.List;

/**
 * @param apiKeys     in list-position order
 * @param hasPrevious whether keys exist before the page's start (within the same scope)
 * @param hasMore     whether keys exist after the page's end (within the same scope)
 */
public record ApiKeyPage(List<ApiKeySummary> apiKeys, boolean hasPrevious, boolean hasMore) {
    public ApiKeyPage {
        apiKeys = List.copyOf(apiKeys);
    }
}
