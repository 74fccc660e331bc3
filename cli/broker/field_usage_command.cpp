// field-usage: who relies on a provider's fields (GET /pacticipants/{provider}/field-usage of this broker; the Pact
// Broker has no such resource).

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_lookups.hpp"
#include "cli/broker/broker_output.hpp"

#include "broker_client/uri_template.hpp"

#include <map>
#include <ostream>
#include <utility>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

std::string request_text(const nlohmann::json& request) {
    if (request.contains("method")) return text_of(request, "method") + " " + text_of(request, "path");
    return "message: " + text_of(request, "message");
}

// "1.0.0 (main, production)" for each consumer's version, by consumer name and number: the branch it heads and the
// environments it is in, from the answer's `consumers`.
using version_descriptions = std::map<std::pair<std::string, std::string>, std::string>;

version_descriptions describe_versions(const nlohmann::json& answer) {
    version_descriptions descriptions;
    for (const auto& consumer : answer.value("consumers", nlohmann::json::array())) {
        for (const auto& version : consumer.value("versions", nlohmann::json::array())) {
            std::string why = version.contains("branch") ? text_of(version, "branch") : "";
            for (const auto& environment : version.value("environments", nlohmann::json::array())) {
                why += (why.empty() ? "" : ", ") + (environment.is_string() ? environment.get<std::string>() : environment.dump());
            }
            descriptions[{text_of(consumer, "name"), text_of(version, "number")}] = text_of(version, "number") + (why.empty() ? "" : " (" + why + ")");
        }
    }
    return descriptions;
}

// "payment-service 1.0.0 (production)", one line per consumer relying on the field.
std::vector<std::string> consumer_lines(const nlohmann::json& field, const version_descriptions& descriptions) {
    std::vector<std::string> lines;
    for (const auto& consumer : field.value("consumers", nlohmann::json::array())) {
        const auto name = text_of(consumer, "name");
        std::string line = name;
        for (const auto& version : consumer.value("versions", nlohmann::json::array())) {
            const auto number = version.is_string() ? version.get<std::string>() : version.dump();
            const auto description = descriptions.find({name, number});
            line += (line.size() == name.size() ? " " : ", ") + (description == descriptions.end() ? number : description->second);
        }
        lines.push_back(line);
    }
    return lines;
}

class field_usage_command final : public broker_command {
public:
    std::string name() const override { return "field-usage"; }
    std::string description() const override {
        return "List the fields of a provider's responses and messages its consumers rely on, with the consumer versions that rely on each";
    }
    void add_options(CLI::App& command) override {
        command.add_option("--provider", provider_, "The name of the provider")->required();
        command.add_option("--field", field_, "Only this field and those below it (a JSON path such as $.items, or 'header Content-Type', 'status')");
        auto* environment = command.add_option("--environment", environment_,
                                               "Only the consumer versions deployed or released in this environment now");
        command.add_option("--branch", branch_, "Only the head of this branch of each consumer (instead of main branches and environments)")
            ->excludes(environment);
        add_output_option(command, output_, {"text", "json", "table"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const broker_client::template_variables variables{{"provider", provider_}, {"field", field_}, {"environment", environment_}, {"branch", branch_}};
        auto href = value_or_throw(co_await index_href_or(client, "pb:field-usage", "/pacticipants/{provider}/field-usage", variables));
        char separator = '?';
        for (const char* parameter : {"field", "environment", "branch"}) {
            if (variables.at(parameter).empty()) continue;
            href += separator + broker_client::expand_template(std::string(parameter) + "={" + parameter + "}", variables);
            separator = '&';
        }
        auto answer = value_or_throw(co_await client.get(href));
        const auto fields = answer.value("fields", nlohmann::json::array());
        const auto descriptions = describe_versions(answer);
        if (output_ == "json") {
            answer.erase("_links");  // the answer's own; the consumers and versions keep theirs
            print_json(out, answer, true);
            co_return 0;
        }
        if (output_ == "table") {
            std::vector<std::vector<std::string>> rows;
            for (const auto& field : fields) {
                std::string consumers;
                for (const auto& line : consumer_lines(field, descriptions)) consumers += (consumers.empty() ? "" : "; ") + line;
                rows.push_back({request_text(field.value("request", nlohmann::json::object())), text_of(field, "field"), text_of(field, "rule"), consumers});
            }
            out << render_table({"REQUEST", "FIELD", "RULE", "CONSUMERS"}, rows);
            co_return 0;
        }
        print_text(out, fields, descriptions);
        co_return 0;
    }

private:
    // Grouped by request: each field with its rule, then each consumer relying on it.
    void print_text(std::ostream& out, const nlohmann::json& fields, const version_descriptions& descriptions) const {
        out << "Fields of " << provider_ << " its consumers rely on";
        if (!environment_.empty()) out << ", in " << environment_;
        if (!branch_.empty()) out << ", on the branch " << branch_;
        out << "\n";
        if (fields.empty()) {
            out << "\nNo consumer relies on " << (field_.empty() ? "a field" : field_) << ".\n";
            return;
        }
        std::string previous_request;
        for (const auto& field : fields) {
            const auto request = request_text(field.value("request", nlohmann::json::object()));
            if (request != previous_request) out << "\n" << request << "\n";
            previous_request = request;
            out << "  " << text_of(field, "field") << " (" << text_of(field, "rule") << ")\n";
            for (const auto& line : consumer_lines(field, descriptions)) out << "    " << line << "\n";
        }
    }

    std::string provider_;
    std::string field_;
    std::string environment_;
    std::string branch_;
    std::string output_;
};

}  // namespace

std::unique_ptr<broker_command> make_field_usage_command() { return std::make_unique<field_usage_command>(); }

}  // namespace pact::cli
