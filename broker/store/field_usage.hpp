#pragma once
// The field-usage index (store_reader::field_usages(), store_writer::field_usages()): for each pact content
// (pact version), the places of the provider's responses and messages its consumer relies on, written when the
// content is first stored (domain/field_usage_service decides what the places are), so that "who relies on
// this field" is answered without reading pacts.

#include "broker/store/records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pact::broker::store {

// One place one interaction of a pact relies on.
struct field_usage_record {
    std::optional<std::string> method;  // the request's method; none for a message
    std::string target;                 // the request's path, generalised ("/orders/{id}"), or the message's description
    std::string field;                  // "$.items[*].quantity", "header Content-Type", "status", "metadata contentType"
    std::string rule;                   // "equality", "type", "integer", "regex ^\d+$", ...

    friend bool operator==(const field_usage_record&, const field_usage_record&) = default;
};

// A consumer version that counts for field usage, with the content it published for the provider and why it counts.
struct counted_version_record {
    row_id version_id = 0;
    std::string consumer_name;
    std::string number;
    row_id pact_version_id = 0;
    std::string counted_for;  // the branch it heads, or the environment it is in

    friend bool operator==(const counted_version_record&, const counted_version_record&) = default;
};

class field_usage_reader {
public:
    virtual ~field_usage_reader() = default;

    // The head of the branch (of each consumer's main branch when none is named) among the versions of each consumer of
    // the provider that published a pact for it: one query for every consumer.
    [[nodiscard]] virtual std::vector<counted_version_record> branch_heads(row_id provider_id, const std::optional<std::string>& branch) = 0;
    // The versions of the provider's consumers deployed or released now (in the environment, or in any) that published a
    // pact for it, once per environment they are in.
    [[nodiscard]] virtual std::vector<counted_version_record> versions_in_environments(row_id provider_id, std::optional<row_id> environment_id) = 0;

    // The places the content relies on, in the pact's order; nullopt when the content is not indexed yet (stored
    // before the index existed, or copied from another broker).
    [[nodiscard]] virtual std::optional<std::vector<field_usage_record>> field_usages_of(row_id pact_version_id) = 0;
    // Content not indexed yet, oldest first.
    [[nodiscard]] virtual std::vector<row_id> unindexed_pact_versions(std::int64_t limit) = 0;
};

class field_usage_writer : public field_usage_reader {
public:
    // Indexes the content with its places (none is an answer too); nothing when it is indexed already.
    virtual void index_pact_version(row_id pact_version_id, const std::vector<field_usage_record>& usages) = 0;
};

}  // namespace pact::broker::store
