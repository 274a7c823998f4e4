// Starts GraphiQL against this application's /graphql (queries over HTTP) and /graphql-ws (subscriptions,
// graphql-transport-ws protocol). Authentication:
//  - queries: whatever the browser already sends (the Basic login it prompted for, where the password is the
//    API key, or a header added by a tool), plus anything typed into the Headers tab, e.g. {"X-API-Key": "..."};
//  - subscriptions: the Headers tab's JSON is also sent as the connection_init payload, and the browser's Basic
//    login is accepted from the WebSocket upgrade request.
// Headers are deliberately not persisted in localStorage, so a key typed there does not outlive the tab.
(function () {
  'use strict';
  var base = new URL('.', window.location.href);
  var wsBase = new URL(base.href);
  wsBase.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';

  var fetcher = GraphiQL.createFetcher({
    url: new URL('graphql', base).href,
    subscriptionUrl: new URL('graphql-ws', wsBase).href
  });

  var defaultQuery = [
    '# P3 GraphQL. Your browser login (password = API key) or {"X-API-Key": "<key>"} in the Headers tab',
    '# authenticates both queries and subscriptions. Ctrl-Enter runs the query.',
    '{',
    '  me { actor tenantId roles }',
    '  tenants(first: 5) {',
    '    edges { cursor node { id name status createdAt } }',
    '    pageInfo { hasNextPage endCursor }',
    '  }',
    '}',
    ''
  ].join('\n');

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      shouldPersistHeaders: false,
      isHeadersEditorEnabled: true
    })
  );
})();
