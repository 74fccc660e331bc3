#include "schemas/validator.hpp"

#include <doctest/doctest.h>


namespace {

nlohmann::json json(std::string_view text) { return nlohmann::json::parse(text); }

std::vector<pact::schemas::schema_violation> check(std::string_view schema, std::string_view document) {
    return pact::schemas::validate_with(json(schema), json(document));
}

bool has(const std::vector<pact::schemas::schema_violation>& violations, std::string_view path, std::string_view words) {
    for (const auto& violation : violations) {
        if (violation.path == path && violation.message.find(words) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("type accepts one type or a list of types, and integers are numbers") {
    CHECK(check(R"({"type": "string"})", R"("a")").empty());
    CHECK(has(check(R"({"type": "string"})", "1"), "$", "expected a string, found an integer"));
    CHECK(check(R"({"type": ["string", "null"]})", "null").empty());
    CHECK(check(R"({"type": "number"})", "1").empty());
    CHECK(check(R"({"type": "integer"})", "2.0").empty());
    CHECK(has(check(R"({"type": "integer"})", "2.5"), "$", "expected an integer"));
}

TEST_CASE("required and additionalProperties name the member they are about") {
    const auto schema = R"({"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}, "additionalProperties": false})";
    CHECK(check(schema, R"({"name": "x"})").empty());
    CHECK(has(check(schema, "{}"), "$.name", "required"));
    CHECK(has(check(schema, R"({"name": "x", "extra": 1})"), "$.extra", "not allowed"));
    CHECK(has(check(R"({"additionalProperties": {"type": "integer"}})", R"({"a b": "x"})"), "$['a b']", "expected an integer"));
}

TEST_CASE("items, minItems and nested paths") {
    const auto schema = R"({"type": "object", "properties": {"list": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {"n": {"type": "integer"}}}}}})";
    CHECK(check(schema, R"({"list": [{"n": 1}]})").empty());
    CHECK(has(check(schema, R"({"list": []})"), "$.list", "at least 1"));
    CHECK(has(check(schema, R"({"list": [{"n": 1}, {"n": "2"}]})"), "$.list[1].n", "expected an integer, found a string"));
}

TEST_CASE("enum, const, minimum, maximum, pattern and minLength") {
    CHECK(has(check(R"({"enum": ["a", "b"]})", R"("c")"), "$", "must be one of"));
    CHECK(check(R"({"const": 3})", "3").empty());
    CHECK(has(check(R"({"const": 3})", "4"), "$", "must be 3"));
    CHECK(has(check(R"({"minimum": 100, "maximum": 599})", "99"), "$", "at least 100"));
    CHECK(has(check(R"({"minimum": 100, "maximum": 599})", "600"), "$", "at most 599"));
    CHECK(check(R"({"pattern": "^[A-Z]+$"})", R"("GET")").empty());
    CHECK(has(check(R"({"pattern": "^[A-Z]+$"})", R"("get it")"), "$", "pattern"));
    CHECK(check(R"({"pattern": "b"})", R"("abc")").empty());  // patterns are not anchored
    CHECK(has(check(R"({"minLength": 2})", R"("é")"), "$", "at least 2 character"));
}

TEST_CASE("oneOf, anyOf and allOf") {
    const auto one_of = R"({"oneOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]})";
    CHECK(check(one_of, R"("x")").empty());
    CHECK(check(one_of, "3").empty());
    CHECK(has(check(one_of, "-3"), "$", "at least 0"));  // the closest alternative explains the problem
    CHECK(has(check(R"({"oneOf": [{"type": "integer"}, {"type": "number"}]})", "3"), "$", "more than one"));
    CHECK_FALSE(check(R"({"anyOf": [{"type": "string"}, {"type": "boolean"}]})", "1").empty());
    CHECK(check(R"({"anyOf": [{"type": "string"}, {"type": "boolean"}]})", "true").empty());
    CHECK(check(R"({"allOf": [{"type": "integer"}, {"minimum": 2}]})", "3").empty());
    CHECK_FALSE(check(R"({"allOf": [{"type": "integer"}, {"minimum": 2}]})", "1").empty());
}

TEST_CASE("$ref follows local definitions and a cycle does not hang") {
    const auto schema = R"({"definitions": {"node": {"type": "object", "properties": {"next": {"$ref": "#/definitions/node"}, "v": {"type": "integer"}}}},
                            "$ref": "#/definitions/node"})";
    CHECK(check(schema, R"({"next": {"next": {"v": 1}}})").empty());
    CHECK(has(check(schema, R"({"next": {"next": {"v": "x"}}})"), "$.next.next.v", "expected an integer"));
    CHECK_FALSE(check(R"({"definitions": {"a": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"})", "1").empty());
    CHECK(has(check(R"({"$ref": "#/definitions/missing"})", "1"), "$", "does not resolve"));
}

TEST_CASE("the embedded schemas are there by name and unknown names are reported") {
    const auto names = pact::schemas::schema_names();
    for (const auto* name : {"pact-common", "pact-v2", "pact-v3", "pact-v4"}) {
        CHECK_MESSAGE(std::ranges::find(names, name) != names.end(), name);
    }
    CHECK(has(pact::schemas::validate("no-such-schema", json("{}")), "$", "no schema named"));
}

TEST_CASE("pact schemas refuse a pact with a wrong status and name where it is") {
    const auto document = json(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
        "interactions": [{"description": "d", "request": {"method": "GET", "path": "/"}, "response": {"status": "200"}}]})");
    for (const auto* schema : {"pact-v2", "pact-v3", "pact-v4"}) {
        CHECK_MESSAGE(has(pact::schemas::validate(schema, document), "$.interactions[0].response.status", "expected an integer"), schema);
    }
    CHECK(has(pact::schemas::validate("pact-v3", json(R"({"provider": {"name": "p"}})")), "$.consumer", "required"));
    CHECK(has(pact::schemas::validate("pact-v4", json(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
        "interactions": [{"description": "d", "type": "Carrier/Pigeon"}]})")), "$.interactions[0].type", "must be one of"));
}

TEST_CASE("a part validator says whether its schema has the part, and paths start at the value") {
    pact::schemas::part_validator interactions("pact-v3", "/properties/interactions/items");
    CHECK(interactions.has_part());
    CHECK(has(interactions.validate(json(R"({"description": 1})")), "$.description", "expected a string"));
    CHECK(pact::schemas::part_validator("pact-v3", "/properties/messages/items").has_part());
    CHECK_FALSE(pact::schemas::part_validator("pact-v4", "/properties/messages/items").has_part());
    CHECK_FALSE(pact::schemas::part_validator("no-such-schema", "").has_part());
}
