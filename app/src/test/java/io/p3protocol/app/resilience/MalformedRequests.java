package io.p3protocol.app.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds malformed requests for REST routes, reproducibly from one seeded {@link Random}. Every request is broken
 * in at least one way, so the service must refuse each one; which refusal (401, 403, 404, 400, 405, 406, 413,
 * 415…) depends on what it checks first and is not prescribed here.
 */
final class MalformedRequests {

    /** The ids and keys the requests use: a dedicated tenant, one of its keys, and callers of every kind. */
    record Fixture(String tenantId, String keyId, String platformAdminKey, String tenantAdminKey,
                   String tenantViewerKey, String otherTenantAdminKey, String revokedKey) {
    }

    /**
     * How the request goes out: body with Content-Length, chunked, over a raw socket declaring 10 bytes more than
     * sent, or as raw bytes that are not valid HTTP at all ({@code body} is then the whole request).
     */
    enum Transport { FIXED_LENGTH, CHUNKED, SHORT_BODY, RAW_HTTP }

    /** One request; its headers include an {@code X-Request-Id} unique to it, which events would carry. */
    record FuzzRequest(int number, String category, String method, String target, List<String[]> headers,
                       byte[] body, Transport transport) {

        String describe() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8)
                    .replaceAll("\\p{Cntrl}", "·");
            return "#" + number + " [" + category + "] " + method + " " + target + " (" + transport + ", "
                    + (body == null ? 0 : body.length) + " bytes) headers="
                    + headers.stream().map(h -> h[0] + ": " + abbreviate(h[1])).toList() + " body=" + shown;
        }

        private static String abbreviate(String value) {
            return value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
        }
    }

    private record Category(String name, Predicate<RestRoute> appliesTo, Function<RestRoute, FuzzRequest> build) {
    }

    private static final int ONE_MIB = 1024 * 1024;
    private static final List<String> FORBIDDEN_CHARACTERS = List.of("\u0000", "\u0001", "\u0007", "\u0008",
            "\u000b", "\u000c", "\u001b", "\u007f", "\u0085", "\u009b", "\ud800", "\udbff", "\udc00", "\udfff");
    private static final List<String> BAD_UUIDS = List.of("not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g",
            "%C3%A9t%C3%A9", "%20", "null", "undefined", "-1", "0x1f", "%27%3B--", "%7B%7D",
            UUID.randomUUID() + "x", UUID.randomUUID().toString().replace("-", "") + "00");

    private final Random random;
    private final String requestIdPrefix;
    private final List<RestRoute> routes;
    private final Fixture fixture;
    private final ObjectMapper json;
    private final List<Category> categories = new ArrayList<>();
    private int counter;

    /**
     * @param needsKey which routes refuse a request without a valid key (the others are public, so a mangled
     *                 credential alone does not make a request to them malformed)
     */
    MalformedRequests(long seed, List<RestRoute> routes, Predicate<RestRoute> needsKey, Fixture fixture,
                      ObjectMapper json) {
        this.random = new Random(seed);
        this.requestIdPrefix = requestIdPrefix(seed);
        this.routes = routes;
        this.fixture = fixture;
        this.json = json;
        Predicate<RestRoute> any = route -> true;
        Predicate<RestRoute> withBody = RestRoute::takesBody;
        Predicate<RestRoute> withFields = route -> route.takesBody() && !shape(route).fields().isEmpty();
        categories.add(new Category("invalid JSON", withBody, this::invalidJson));
        categories.add(new Category("truncated JSON", withBody, this::truncatedJson));
        categories.add(new Category("wrong JSON type", withFields, this::wrongType));
        categories.add(new Category("unknown field", withBody, this::unknownField));
        categories.add(new Category("null", route -> route.bodyRequired()
                || shape(route).fields().stream().anyMatch(BodyShape.Field::required), this::nulls));
        categories.add(new Category("empty array", withBody, this::emptyArray));
        categories.add(new Category("bad UUID in path", route -> route.pathVariables().containsValue(UUID.class),
                this::badUuid));
        categories.add(new Category("wrong method", any, this::wrongMethod));
        categories.add(new Category("wrong Content-Type", withBody, this::wrongContentType));
        categories.add(new Category("bad Accept", any, this::badAccept));
        categories.add(new Category("huge body", withBody, route -> hugeBody(route, Transport.FIXED_LENGTH)));
        categories.add(new Category("huge chunked body", withBody, route -> hugeBody(route, Transport.CHUNKED)));
        categories.add(new Category("overlong string", route -> route.takesBody()
                && shape(route).fields().stream().anyMatch(f -> f.isText() && f.maxLength() != null),
                this::overlongString));
        categories.add(new Category("control character", route -> route.takesBody()
                && shape(route).fields().stream().anyMatch(BodyShape.Field::isText), this::controlCharacter));
        categories.add(new Category("deeply nested JSON", withBody, this::deeplyNested));
        categories.add(new Category("invalid UTF-8", withBody, this::invalidUtf8));
        categories.add(new Category("wrong auth header", needsKey, this::wrongAuth));
        categories.add(new Category("body shorter than Content-Length", withBody, this::shortBody));
        categories.add(new Category("broken HTTP", any, this::brokenHttp));
    }

    /** The {@code X-Request-Id} prefix of every request generated from {@code seed}. */
    static String requestIdPrefix(long seed) {
        return "fuzz-" + seed + "-";
    }

    /** Every category on every route it applies to once, then random picks up to {@code total}. */
    List<FuzzRequest> generate(int total) {
        List<FuzzRequest> requests = new ArrayList<>();
        List<Map.Entry<Category, RestRoute>> pairs = new ArrayList<>();
        for (RestRoute route : routes) {
            for (Category category : categories) {
                if (category.appliesTo().test(route)) {
                    pairs.add(Map.entry(category, route));
                }
            }
        }
        for (Map.Entry<Category, RestRoute> pair : pairs) {
            requests.add(pair.getKey().build().apply(pair.getValue()));
        }
        while (requests.size() < total) {
            Map.Entry<Category, RestRoute> pair = pairs.get(random.nextInt(pairs.size()));
            requests.add(pair.getKey().build().apply(pair.getValue()));
        }
        return requests;
    }

    // ---- categories -------------------------------------------------------------------------------------------

    private FuzzRequest invalidJson(RestRoute route) {
        String body = pick("{", "}", "{\"", "{,}", "[1,2", "nul", "tru", "{'name':'x'}", "{name: \"x\"}",
                "{\"a\":1,}", "{\"a\" 1}", "/* comment */ {}", "{\"a\":NaN}", "{\"a\":01}", "\"unterminated",
                "{} {}", "{\"a\":\"\\x41\"}", "<xml/>", "name=x", randomAscii(1 + random.nextInt(60)));
        return withCaller(route, "invalid JSON", route.mainMethod(), validPath(route), jsonHeaders(), body);
    }

    private FuzzRequest truncatedJson(RestRoute route) {
        String valid = withUnknownFieldIfEmpty(shape(route).validSample(json)).toString();
        String body = valid.substring(0, 1 + random.nextInt(valid.length() - 1));
        return withCaller(route, "truncated JSON", route.mainMethod(), validPath(route), jsonHeaders(), body);
    }

    private FuzzRequest wrongType(RestRoute route) {
        if (random.nextInt(4) == 0) {
            return withCaller(route, "wrong JSON type for the body", route.mainMethod(), validPath(route),
                    jsonHeaders(), pick("\"text\"", "42", "true", "-0.5", "[{}]", "[\"a\",1]"));
        }
        BodyShape.Field field = pickField(route, f -> true);
        ObjectNode body = shape(route).validSample(json);
        body.set(field.name(), wrongValueFor(field));
        return withCaller(route, "wrong JSON type for " + field.name(), route.mainMethod(), validPath(route),
                jsonHeaders(), body.toString());
    }

    private FuzzRequest unknownField(RestRoute route) {
        ObjectNode body = shape(route).validSample(json);
        String name = pick("unexpected", "tenantId", "id", "admin", "__proto__", "constructor", "roles ",
                "NAME", "", "a".repeat(200));
        if (body.has(name)) {
            name = name + "_x";
        }
        body.set(name, json.getNodeFactory().textNode("surprise"));
        return withCaller(route, "unknown field", route.mainMethod(), validPath(route), jsonHeaders(), body.toString());
    }

    private FuzzRequest nulls(RestRoute route) {
        List<BodyShape.Field> required = shape(route).fields().stream().filter(BodyShape.Field::required).toList();
        String body;
        if (required.isEmpty() || (route.bodyRequired() && random.nextInt(3) == 0)) {
            body = "null";
        } else {
            ObjectNode sample = shape(route).validSample(json);
            sample.putNull(required.get(random.nextInt(required.size())).name());
            body = sample.toString();
        }
        return withCaller(route, "null", route.mainMethod(), validPath(route), jsonHeaders(), body);
    }

    private FuzzRequest emptyArray(RestRoute route) {
        List<BodyShape.Field> fields = shape(route).fields().stream()
                .filter(f -> f.notEmpty() || !f.isCollection()).toList();
        String body;
        if (fields.isEmpty() || random.nextBoolean()) {
            body = "[]";
        } else {
            ObjectNode sample = shape(route).validSample(json);
            sample.set(fields.get(random.nextInt(fields.size())).name(), json.createArrayNode());
            body = sample.toString();
        }
        return withCaller(route, "empty array", route.mainMethod(), validPath(route), jsonHeaders(), body);
    }

    private FuzzRequest badUuid(RestRoute route) {
        Map<String, String> values = validPathValues(route);
        List<String> uuidVariables = route.pathVariables().entrySet().stream()
                .filter(e -> e.getValue() == UUID.class).map(Map.Entry::getKey).toList();
        String variable = uuidVariables.get(random.nextInt(uuidVariables.size()));
        String bad = random.nextInt(8) == 0 ? "x".repeat(2000 + random.nextInt(3000)) : pick(BAD_UUIDS);
        values.put(variable, bad);
        return withCaller(route, "bad UUID in path", route.mainMethod(), route.path(values), jsonHeaders(),
                route.takesBody() ? validBody(route) : null);
    }

    private FuzzRequest wrongMethod(RestRoute route) {
        List<String> wrong = new ArrayList<>(List.of("GET", "PUT", "DELETE", "PATCH", "POST", "HEAD", "TRACE"));
        wrong.removeAll(route.methods());
        if (route.methods().contains("GET")) {
            wrong.remove("HEAD");
        }
        String method = pick(wrong);
        boolean sendsBody = !method.equals("GET") && !method.equals("HEAD") && !method.equals("TRACE");
        return withCaller(route, "wrong method", method, validPath(route), jsonHeaders(),
                sendsBody ? validBody(route) : null);
    }

    private FuzzRequest wrongContentType(RestRoute route) {
        List<String[]> headers = new ArrayList<>();
        String type = pick("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "application/octet-stream", "application/jsonx", "garbage",
                "application/json; charset=utf-16", "text/json-ish", "image/png", "*/*", "application/*", "");
        if (!type.isEmpty()) {
            headers.add(new String[]{"Content-Type", type});
        }
        String body = validBody(route);
        if (type.endsWith("utf-16")) {
            body = body + "\u0000"; // UTF-8 bytes read as UTF-16 are never valid JSON; make sure of it
        }
        return withCaller(route, "wrong Content-Type", route.mainMethod(), validPath(route), headers, body);
    }

    /** An otherwise valid request as the platform admin: refused only because no acceptable answer exists. */
    private FuzzRequest badAccept(RestRoute route) {
        List<String[]> headers = route.takesBody() ? jsonHeaders() : new ArrayList<>();
        // Types no route of this API answers with (some answer HTML or CSV on request, so those are left out).
        headers.add(new String[]{"Accept", pick("application/xml", "image/png", "application/pdf", "audio/mpeg",
                "application/xml, image/*;q=0.9", "application/vnd.ms-excel", "garbage", "text/xml")});
        headers.add(apiKeyHeader(fixture.platformAdminKey()));
        return request("bad Accept", route.mainMethod(), validPath(route), headers,
                route.takesBody() ? bytes(validBody(route)) : null, Transport.FIXED_LENGTH);
    }

    private FuzzRequest hugeBody(RestRoute route, Transport transport) {
        BodyShape.Field text = shape(route).fields().stream().filter(BodyShape.Field::isText).findFirst().orElse(null);
        String field = text == null ? "padding" : text.name();
        int size = ONE_MIB + 1 + random.nextInt(256 * 1024);
        String body = "{\"" + field + "\":\"" + "a".repeat(size) + "\"}";
        FuzzRequest request = withCaller(route, transport == Transport.CHUNKED ? "huge chunked body" : "huge body",
                route.mainMethod(), validPath(route), jsonHeaders(), body);
        return new FuzzRequest(request.number(), request.category(), request.method(), request.target(),
                request.headers(), request.body(), transport);
    }

    private FuzzRequest overlongString(RestRoute route) {
        BodyShape.Field field = pickField(route, f -> f.isText() && f.maxLength() != null);
        int length = field.maxLength() + 1 + random.nextInt(5000);
        StringBuilder value = new StringBuilder();
        String alphabet = pick("a", "é", "中", "😀", "a\u0301");
        while (value.length() < length) {
            value.append(alphabet);
        }
        ObjectNode body = shape(route).validSample(json);
        body.put(field.name(), value.toString());
        return withCaller(route, "overlong string in " + field.name(), route.mainMethod(), validPath(route),
                jsonHeaders(), body.toString());
    }

    private FuzzRequest controlCharacter(RestRoute route) {
        BodyShape.Field field = pickField(route, BodyShape.Field::isText);
        String bad = pick(FORBIDDEN_CHARACTERS);
        boolean raw = bad.charAt(0) < 0x20 && random.nextBoolean(); // unescaped: not even valid JSON
        String literal = raw ? "\"fuzz" + bad + "ok\"" : "\"fuzz" + escaped(bad) + "ok\"";
        ObjectNode sample = shape(route).validSample(json);
        sample.remove(field.name());
        String rest = sample.isEmpty() ? "" : "," + sample.toString().substring(1, sample.toString().length() - 1);
        String body = "{\"" + field.name() + "\":" + literal + rest + "}";
        return withCaller(route, "control character in " + field.name(), route.mainMethod(), validPath(route),
                jsonHeaders(), body);
    }

    private FuzzRequest deeplyNested(RestRoute route) {
        int depth = 100 + random.nextInt(5000);
        String nested = random.nextBoolean()
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        String body;
        List<BodyShape.Field> fields = shape(route).fields();
        if (fields.isEmpty() || random.nextBoolean()) {
            body = nested;
        } else {
            ObjectNode sample = shape(route).validSample(json);
            sample.remove(fields.get(0).name());
            String rest = sample.isEmpty() ? "" : "," + sample.toString().substring(1, sample.toString().length() - 1);
            body = "{\"" + fields.get(0).name() + "\":" + nested + rest + "}";
        }
        return withCaller(route, "deeply nested JSON", route.mainMethod(), validPath(route), jsonHeaders(), body);
    }

    private FuzzRequest invalidUtf8(RestRoute route) {
        BodyShape.Field text = shape(route).fields().stream().filter(BodyShape.Field::isText).findFirst().orElse(null);
        byte[][] sequences = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xC0, (byte) 0xAF}};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes("{\"" + (text == null ? "padding" : text.name()) + "\":\"fuzz"));
        body.writeBytes(sequences[random.nextInt(sequences.length)]);
        body.writeBytes(bytes("ok\"}"));
        List<String[]> headers = jsonHeaders();
        addCaller(headers);
        return request("invalid UTF-8", route.mainMethod(), validPath(route), headers, body.toByteArray(),
                Transport.FIXED_LENGTH);
    }

    /** An otherwise valid request whose credential is sent in a form the service does not take. */
    private FuzzRequest wrongAuth(RestRoute route) {
        String key = fixture.platformAdminKey();
        String[] header = switch (random.nextInt(12)) {
            // Basic is taken with the key as the password; these carry no key or a wrong one.
            case 0 -> new String[]{"Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    pick(key, key + ":", "admin:" + key + "x", ":").getBytes(StandardCharsets.UTF_8))};
            case 1 -> new String[]{"Authorization", "Bearer"};
            case 2 -> new String[]{"Authorization", "Token " + key};
            case 3 -> new String[]{"Authorization", key};
            case 4 -> new String[]{"Authorization", "Bearer " + key + "x"};
            case 5 -> new String[]{"X-API-Key", key.substring(0, key.length() - 1)};
            case 6 -> new String[]{"X-API-Key", "Bearer " + key};
            case 7 -> new String[]{"X-Api-Key-Typo", key};
            case 8 -> new String[]{"X-API-Key", "k".repeat(4000 + random.nextInt(2000))};
            case 9 -> new String[]{"X-API-Key", fixture.revokedKey()};
            case 10 -> new String[]{"X-API-Key", "p3k_" + randomAscii(43)};
            default -> new String[]{"Authorization", "Bearer " + "é".repeat(10)};
        };
        List<String[]> headers = route.takesBody() ? jsonHeaders() : new ArrayList<>();
        headers.add(header);
        return request("wrong auth header", route.mainMethod(), validPath(route), headers,
                route.takesBody() ? bytes(validBody(route)) : null, Transport.FIXED_LENGTH);
    }

    /** Declares more bytes than it sends, then half-closes: the JSON ends early and so does the stream. */
    private FuzzRequest shortBody(RestRoute route) {
        String valid = withUnknownFieldIfEmpty(shape(route).validSample(json)).toString();
        String sent = valid.substring(0, 1 + random.nextInt(valid.length() - 1));
        List<String[]> headers = jsonHeaders();
        headers.add(apiKeyHeader(fixture.platformAdminKey()));
        return request("body shorter than Content-Length", route.mainMethod(), validPath(route), headers,
                bytes(sent), Transport.SHORT_BODY);
    }

    /** Requests Tomcat itself must refuse: bad request line, header, URI encoding or framing. */
    private FuzzRequest brokenHttp(RestRoute route) {
        String path = validPath(route);
        String method = route.mainMethod();
        String key = "X-API-Key: " + fixture.platformAdminKey() + "\r\n";
        String body = route.takesBody() ? validBody(route) : "";
        String framing = "Content-Type: application/json\r\nContent-Length: " + bytes(body).length + "\r\n";
        int variant = random.nextInt(8);
        if (variant == 5 && !route.takesBody()) {
            // A route that reads no body acts before Tomcat meets the broken chunk framing: not a refusal case.
            variant = 4;
        }
        String request = switch (variant) {
            case 0 -> method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + key + "X-Note: a\u0001b\r\n" + framing
                    + "\r\n" + body;
            case 1 -> method + " " + path.replaceFirst("/[^/]+$", "/%zz") + " HTTP/1.1\r\nHost: x\r\n" + key
                    + framing + "\r\n" + body;
            case 2 -> method + " " + path.replaceFirst("/api/", "/api/%2F") + " HTTP/1.1\r\nHost: x\r\n" + key
                    + framing + "\r\n" + body;
            case 3 -> method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + key + "X-Long: " + "a".repeat(10_000)
                    + "\r\n" + framing + "\r\n" + body;
            case 4 -> method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + key + framing + "Content-Length: "
                    + (bytes(body).length + 3) + "\r\n\r\n" + body;
            case 5 -> method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + key
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n";
            case 6 -> method + " " + path.replace("/api/", "/api /") + " HTTP/1.1\r\nHost: x\r\n" + key + framing
                    + "\r\n" + body;
            default -> method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + key + "Bad Header Without Colon\r\n"
                    + framing + "\r\n" + body;
        };
        int number = counter + 1;
        String withId = request.replaceFirst("\r\nHost: x\r\n", "\r\nHost: x\r\nConnection: close\r\nX-Request-Id: "
                + requestIdPrefix + number + "\r\n");
        return request("broken HTTP", method, path, List.of(), withId.getBytes(StandardCharsets.ISO_8859_1),
                Transport.RAW_HTTP);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private final Map<Class<?>, BodyShape> shapes = new HashMap<>();

    private BodyShape shape(RestRoute route) {
        return shapes.computeIfAbsent(route.bodyType(), BodyShape::of);
    }

    private String validBody(RestRoute route) {
        return shape(route).validSample(json).toString();
    }

    /** A sample with no fields is valid JSON even when cut short at "{"… so give it one to cut. */
    private ObjectNode withUnknownFieldIfEmpty(ObjectNode sample) {
        if (sample.isEmpty()) {
            sample.put("unexpected", "value");
        }
        return sample;
    }

    private JsonNode wrongValueFor(BodyShape.Field field) {
        var nodes = json.getNodeFactory();
        ObjectNode object = json.createObjectNode().put("a", 1);
        ArrayNode array = json.createArrayNode().add("a");
        if (field.isText()) {
            return pick(List.of(nodes.numberNode(123), nodes.numberNode(1.5), nodes.booleanNode(true), object, array));
        }
        if (field.isCollection()) {
            return pick(List.of(nodes.textNode("viewer"), nodes.numberNode(5), nodes.booleanNode(false), object,
                    json.createArrayNode().add(7), json.createArrayNode().add(json.createArrayNode())));
        }
        if (field.isNumber()) {
            return pick(List.of(nodes.textNode("12"), nodes.textNode("ten"), nodes.numberNode(1.5),
                    nodes.booleanNode(true), object, array, nodes.numberNode(new java.math.BigInteger("9".repeat(30))),
                    nodes.numberNode(field.min() == null ? -1 : field.min() - 1)));
        }
        if (field.type() == Boolean.class || field.type() == boolean.class) {
            // true or false would be a right value for a boolean, not a wrong type
            return pick(List.of(nodes.textNode("true"), nodes.numberNode(1), object, array));
        }
        return pick(List.of(nodes.textNode("not a value"), nodes.booleanNode(true), object, array));
    }

    private BodyShape.Field pickField(RestRoute route, Predicate<BodyShape.Field> filter) {
        List<BodyShape.Field> fields = shape(route).fields().stream().filter(filter).toList();
        return fields.get(random.nextInt(fields.size()));
    }

    private Map<String, String> validPathValues(RestRoute route) {
        Map<String, String> values = new HashMap<>();
        for (String name : route.pathVariables().keySet()) {
            String lower = name.toLowerCase();
            values.put(name, lower.contains("tenant") ? fixture.tenantId()
                    : lower.contains("key") ? fixture.keyId() : UUID.randomUUID().toString());
        }
        return values;
    }

    private String validPath(RestRoute route) {
        return route.path(validPathValues(route));
    }

    private FuzzRequest withCaller(RestRoute route, String category, String method, String target,
                                   List<String[]> headers, String body) {
        addCaller(headers);
        return request(category, method, target, headers, body == null ? null : bytes(body), Transport.FIXED_LENGTH);
    }

    /** Mostly callers that pass authentication, so the malformed part is what gets judged. */
    private void addCaller(List<String[]> headers) {
        int roll = random.nextInt(100);
        String key = roll < 40 ? fixture.platformAdminKey()
                : roll < 65 ? fixture.tenantAdminKey()
                : roll < 75 ? fixture.tenantViewerKey()
                : roll < 85 ? fixture.otherTenantAdminKey()
                : roll < 90 ? fixture.revokedKey()
                : null;
        if (key != null) {
            headers.add(apiKeyHeader(key));
        }
    }

    private String[] apiKeyHeader(String key) {
        return random.nextBoolean() ? new String[]{"X-API-Key", key} : new String[]{"Authorization", "Bearer " + key};
    }

    private FuzzRequest request(String category, String method, String target, List<String[]> headers, byte[] body,
                                Transport transport) {
        int number = ++counter;
        List<String[]> all = new ArrayList<>(headers);
        all.add(new String[]{"X-Request-Id", requestIdPrefix + number});
        return new FuzzRequest(number, category, method, target, List.copyOf(all), body, transport);
    }

    private static List<String[]> jsonHeaders() {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[]{"Content-Type", "application/json"});
        return headers;
    }

    private String randomAscii(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) (0x21 + random.nextInt(0x5e)));
        }
        return s.toString();
    }

    private static String escaped(String value) {
        StringBuilder s = new StringBuilder();
        for (char c : value.toCharArray()) {
            s.append(String.format("\\u%04x", (int) c));
        }
        return s.toString();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
