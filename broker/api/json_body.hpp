#pragma once
// A request body read as a JSON object, with typed access to its members. Every way a body can be
// wrong (not JSON, not an object, a member of the wrong type, a required member missing) becomes a
// 400 request_problem naming the member, here and nowhere else.

#include "broker/api/resource_request.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::api {

class json_body {
public:
    // An empty body reads as {} (the verifier PUTs `{}`, older clients PUT nothing).
    // Throws request_problem (400) unless the body is a JSON object without duplicate keys, absurd
    // nesting or numbers out of range (domain/json_checks.hpp).
    [[nodiscard]] static json_body parse(const resource_request& request);
    // As above, then validated against the named schema of schemas/ ("broker-publish-contracts"):
    // every violation is listed in the 400's `errors`, keyed by the member's path.
    [[nodiscard]] static json_body parse(const resource_request& request, std::string_view schema_name);
    explicit json_body(nlohmann::json object) : object_(std::move(object)) {}

    [[nodiscard]] const nlohmann::json& json() const { return object_; }
    [[nodiscard]] bool has(std::string_view member) const;

    // Each throws request_problem (400) when the member is present with another type. A JSON null
    // reads as absent.
    [[nodiscard]] std::optional<std::string> optional_string(std::string_view member) const;
    [[nodiscard]] std::string required_string(std::string_view member) const;  // also refuses "" ("can't be blank")
    [[nodiscard]] std::optional<bool> optional_boolean(std::string_view member) const;
    [[nodiscard]] std::vector<std::string> string_array(std::string_view member) const;  // absent → {}
    [[nodiscard]] const nlohmann::json* optional_array(std::string_view member) const;
    [[nodiscard]] const nlohmann::json* optional_object(std::string_view member) const;

private:
    [[nodiscard]] const nlohmann::json* member(std::string_view name) const;
    nlohmann::json object_;
};

}  // namespace pact::broker::api
