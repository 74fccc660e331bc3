#pragma once
// Fluent builders for the interactions of a consumer test. Each fills a pact::interaction of the model:
// examples where the pact shows values, matching rules and generators where the patterns hold matchers.
//
//   pact.upon_receiving("a request for order 7")
//       .given("order 7 exists", {{"id", 7}})
//       .with_request("GET", "/orders/7")
//           .header("Accept", "application/json")
//       .will_respond_with(200)
//           .json_body(object({{"id", integer(7)}, {"total_amount", integer(1299)}}));
//
// Builders hold references into their interaction: they are neither copied nor moved. A pattern that
// cannot stand where it is put (a header whose example is not a string) throws std::invalid_argument.

#include "consumer/matchers.hpp"
#include "pact/model.hpp"

#include <string>

namespace pact::consumer {

class interaction_builder;
class response_builder;

class request_builder {
public:
    explicit request_builder(interaction_builder& owner);
    request_builder(const request_builder&) = delete;
    request_builder& operator=(const request_builder&) = delete;

    // Call again with the same name for a parameter with several values.
    request_builder& query(const std::string& name, const pattern& value);
    request_builder& header(const std::string& name, const pattern& value);
    // Also expects Content-Type: application/json unless a Content-Type header was given.
    request_builder& json_body(const pattern& body);
    request_builder& body(std::string content, std::string content_type);

    response_builder& will_respond_with(int status);

private:
    interaction_builder& owner_;
};

class response_builder {
public:
    explicit response_builder(interaction_builder& owner);
    response_builder(const response_builder&) = delete;
    response_builder& operator=(const response_builder&) = delete;

    response_builder& header(const std::string& name, const pattern& value);
    // Also sends Content-Type: application/json unless a Content-Type header was given.
    response_builder& json_body(const pattern& body);
    response_builder& body(std::string content, std::string content_type);

private:
    interaction_builder& owner_;
};

class interaction_builder {
public:
    explicit interaction_builder(std::string description);
    interaction_builder(const interaction_builder&) = delete;
    interaction_builder& operator=(const interaction_builder&) = delete;

    interaction_builder& given(std::string state, nlohmann::json params = nlohmann::json::object());
    interaction_builder& pending(bool is_pending = true);  // kept by v4 pacts only
    interaction_builder& comment(std::string text);        // kept by v4 pacts only
    // The path may be a matcher: with_request("GET", regex("/orders/\\d+", "/orders/7")).
    request_builder& with_request(std::string method, const pattern& path);
    response_builder& will_respond_with(int status);

    [[nodiscard]] const pact::interaction& interaction() const { return interaction_; }
    [[nodiscard]] pact::interaction& interaction() { return interaction_; }

private:
    pact::interaction interaction_;
    request_builder request_{*this};
    response_builder response_{*this};
};

// An asynchronous message the consumer expects to receive (v3 message pacts, v4 asynchronous messages).
class message_builder {
public:
    explicit message_builder(std::string description);
    message_builder(const message_builder&) = delete;
    message_builder& operator=(const message_builder&) = delete;

    message_builder& given(std::string state, nlohmann::json params = nlohmann::json::object());
    message_builder& metadata(const std::string& name, const pattern& value);
    // Also records metadata contentType application/json unless already given.
    message_builder& json_contents(const pattern& contents);
    message_builder& contents(std::string content, std::string content_type);

    [[nodiscard]] const pact::interaction& interaction() const { return interaction_; }

private:
    pact::interaction interaction_;
};

}  // namespace pact::consumer
