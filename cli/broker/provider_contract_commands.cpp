// Bi-directional contracts: `pactflow publish-provider-contract FILE --provider P -a V ...` (the official CLI's
// command and flags, on pf:publish-provider-contract) and `describe-provider-contract --provider P --version V`, which
// prints a published contract's self-verification and the comparisons of consumer pacts with it, and `can-i-change
// --provider P --contract FILE`, which asks whether a proposed contract would break a consumer version that counts.

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_lookups.hpp"
#include "cli/broker/broker_output.hpp"
#include "cli/broker/version_properties.hpp"

#include "broker_client/uri_template.hpp"
#include "pact/base64.hpp"

#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

std::string read_whole_file(const std::string& path, const std::string& what) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw command_failure("Cannot read the " + what + " " + path);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

class publish_provider_contract_command final : public broker_command {
public:
    std::string name() const override { return "pactflow publish-provider-contract"; }
    std::string description() const override {
        return "Publish a provider's OpenAPI contract, with the result of its own tests, to be compared with its consumers' pacts";
    }
    void add_options(CLI::App& command) override {
        command.add_option("contract_file", contract_file_, "The contract file to publish (OpenAPI 3 or Swagger 2.0, YAML or JSON)")->required();
        command.add_option("--provider", provider_, "The provider name")->required();
        auto* version = command.add_option("-a,--provider-app-version", version_, "The provider application version");
        command.add_option("--branch", branch_, "Repository branch of the provider version");
        command.add_option("-t,--tag", tags_, "Tag name for provider version (repeatable, or comma separated)")->delimiter(',');
        command.add_option("--specification", specification_, "The contract specification")->capture_default_str();
        command.add_option("--content-type", content_type_, "The content type, e.g. application/yaml");
        auto* success = command.add_flag("--verification-success", verification_success_, "The self-verification passed");
        auto* failure = command.add_flag("--no-verification-success", verification_failure_, "The self-verification failed")->excludes(success);
        command.add_option("--verification-exit-code", verification_exit_code_,
                           "The exit code of the self-verification (instead of --verification-success/--no-verification-success)")
            ->excludes(success)
            ->excludes(failure);
        command.add_option("--verification-results", verification_results_, "The file with the output of the self-verification");
        command.add_option("--verification-results-content-type", verification_results_content_type_, "The content type of that output");
        command.add_option("--verification-results-format", verification_results_format_, "The format of that output, e.g. junit, text");
        command.add_option("--verifier", verifier_, "The tool that verified the contract");
        command.add_option("--verifier-version", verifier_version_, "The version of that tool");
        command.add_option("--build-url", build_url_, "The build URL that created the contract");
        auto* auto_detect = command.add_flag("-r,--auto-detect-version-properties", auto_detect_,
                                             "Detect the commit (as the version when -a is absent), branch and build URL from the CI or git");
        command.add_flag("--tag-with-git-branch", tag_with_git_branch_, "Tag the provider version with the current git branch");
        add_output_option(command, output_, {"json", "text"}, "text");
        require_unless(command, version, auto_detect);
    }

    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        if (auto_detect_) {
            if (version_.empty()) version_ = detect_git_commit().value_or("");
            if (branch_.empty()) branch_ = detect_git_branch().value_or("");
            if (build_url_.empty()) build_url_ = detect_build_url().value_or("");
        }
        if (version_.empty()) throw command_failure("The provider app version is required: none was given with -a and none could be detected from git");
        if (tag_with_git_branch_) tags_.push_back(current_git_branch());
        const auto body = request_body();
        const broker_client::template_variables variables{{"provider", provider_}};
        const auto href = value_or_throw(co_await client.index_href("pf:publish-provider-contract", variables));
        if (output_ == "text") out << "📨 Attempting to publish provider contract for provider: " << provider_ << " version: " << version_ << "\n";
        const auto answer = co_await client.post(href, body);
        if (!answer) throw command_failure("Publishing the provider contract of " + provider_ + " version " + version_ + " failed", answer.error());
        if (output_ == "json") {
            print_json(out, *answer, true);
            co_return 0;
        }
        out << "✅ ";
        for (const auto& notice : broker_client::read_notices(*answer)) out << notice.text << "\n";
        co_return 0;
    }

private:
    // Without any of --verification-success, --no-verification-success and --verification-exit-code the result is
    // unknown, which can-i-deploy counts as not succeeded.
    std::optional<bool> self_verification_success() const {
        if (verification_success_) return true;
        if (verification_failure_) return false;
        if (verification_exit_code_) return *verification_exit_code_ == 0;
        return std::nullopt;
    }

    nlohmann::json request_body() const {
        nlohmann::json contract = {{"content", pact::base64_encode(read_whole_file(contract_file_, "contract file"))},
                                   {"specification", specification_},
                                   {"contentType", content_type_.empty() ? "application/yaml" : content_type_}};
        nlohmann::json self = nlohmann::json::object();
        if (auto success = self_verification_success()) self["success"] = *success;
        if (!verification_results_.empty()) self["content"] = pact::base64_encode(read_whole_file(verification_results_, "verification results file"));
        const std::pair<const char*, const std::string*> optional_members[] = {
            {"contentType", &verification_results_content_type_}, {"format", &verification_results_format_},
            {"verifier", &verifier_}, {"verifierVersion", &verifier_version_}};
        for (const auto& [member, value] : optional_members)
            if (!value->empty()) self[member] = *value;
        if (!self.empty()) contract["selfVerificationResults"] = std::move(self);
        nlohmann::json body = {{"pacticipantVersionNumber", version_}, {"tags", tags_}, {"contract", std::move(contract)}};
        if (!branch_.empty()) body["branch"] = branch_;
        if (!build_url_.empty()) body["buildUrl"] = build_url_;
        return body;
    }

    std::string contract_file_;
    std::string provider_;
    std::string version_;
    std::string branch_;
    std::vector<std::string> tags_;
    std::string specification_ = "oas";
    std::string content_type_;
    bool verification_success_ = false;
    bool verification_failure_ = false;
    std::optional<int> verification_exit_code_;
    std::string verification_results_;
    std::string verification_results_content_type_;
    std::string verification_results_format_;
    std::string verifier_;
    std::string verifier_version_;
    std::string build_url_;
    bool auto_detect_ = false;
    bool tag_with_git_branch_ = false;
    std::string output_;
};

// One comparison: its verdict, then its findings grouped by interaction (the broker lists errors first).
void print_comparison(std::ostream& out, const nlohmann::json& comparison) {
    const auto consumer = comparison.value("consumer", nlohmann::json::object());
    out << "\n" << text_of(consumer, "name") << " " << text_of(consumer.value("version", nlohmann::json::object()), "number") << ": "
        << (comparison.value("compatible", false) ? "compatible" : "not compatible") << " (" << comparison.value("errors", 0) << " errors, "
        << comparison.value("warnings", 0) << " warnings)\n";
    std::vector<std::string> interactions;
    const auto findings = comparison.value("findings", nlohmann::json::array());
    for (const auto& finding : findings)
        if (std::ranges::find(interactions, text_of(finding, "interaction")) == interactions.end()) interactions.push_back(text_of(finding, "interaction"));
    for (const auto& interaction : interactions) {
        out << "  " << interaction << "\n";
        for (const auto& finding : findings) {
            if (text_of(finding, "interaction") != interaction) continue;
            out << "    " << text_of(finding, "severity") << " " << text_of(finding, "code") << " at " << text_of(finding, "pactLocation") << ": "
                << text_of(finding, "message") << "\n";
        }
    }
}

class describe_provider_contract_command final : public broker_command {
public:
    std::string name() const override { return "describe-provider-contract"; }
    std::string description() const override {
        return "Describe a provider version's published contract: its self-verification and the comparison of each consumer pact with it";
    }
    void add_options(CLI::App& command) override {
        command.add_option("--provider", provider_, "The provider name")->required();
        command.add_option("-e,--version,--provider-version", version_, "The provider version")->required();
        command.add_option("--consumer", consumer_, "Only the comparisons with this consumer's pacts");
        add_output_option(command, output_, {"json", "text"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const broker_client::template_variables variables{{"provider", provider_}, {"version", version_}};
        const auto href = value_or_throw(co_await index_href_or(
            client, "pf:provider-contract", "/contracts/bi-directional/provider/{provider}/version/{version}/provider-contract", variables));
        auto answer = value_or_throw(co_await client.get(href));
        auto comparisons = nlohmann::json::array();
        for (const auto& comparison : answer.value("_embedded", nlohmann::json::object()).value("crossContractVerificationResults", nlohmann::json::array()))
            if (consumer_.empty() || text_of(comparison.value("consumer", nlohmann::json::object()), "name") == consumer_) comparisons.push_back(comparison);
        if (output_ == "json") {
            answer["_embedded"]["crossContractVerificationResults"] = comparisons;
            print_json(out, answer, true);
            co_return 0;
        }
        const auto self = answer.value("selfVerificationResults", nlohmann::json::object());
        const auto success = self.value("success", nlohmann::json());
        out << "Provider contract of " << provider_ << " " << version_ << " (" << text_of(answer, "contentType") << ")\n"
            << "Self-verification: " << (success.is_boolean() ? (success.get<bool>() ? "passed" : "failed") : "not published");
        if (self.value("verifier", nlohmann::json()).is_string()) out << " by " << text_of(self, "verifier");
        out << "\n";
        if (comparisons.empty()) out << "\nNo consumer pact has been compared with this contract.\n";
        bool all_compatible = true;
        for (const auto& comparison : comparisons) {
            print_comparison(out, comparison);
            all_compatible = all_compatible && comparison.value("compatible", false);
        }
        co_return all_compatible ? 0 : 1;
    }

private:
    std::string provider_;
    std::string version_;
    std::string consumer_;
    std::string output_;
};

// "payment-service 1.0.0 (main, production)": a consumer version that counts, and why.
std::string counted_version_text(const nlohmann::json& consumer) {
    std::string why = consumer.value("branch", nlohmann::json()).is_string() ? text_of(consumer, "branch") : "";
    for (const auto& environment : consumer.value("environments", nlohmann::json::array()))
        if (environment.is_string()) why += (why.empty() ? "" : ", ") + environment.get<std::string>();
    return text_of(consumer, "name") + " " + text_of(consumer, "version") + (why.empty() ? "" : " (" + why + ")");
}

class can_i_change_command final : public broker_command {
public:
    std::string name() const override { return "can-i-change"; }
    std::string description() const override {
        return "Would a proposed provider contract break a consumer? Compares it with the pacts of the consumer versions that count, "
               "publishing nothing";
    }
    void add_options(CLI::App& command) override {
        command.add_option("--provider", provider_, "The provider name")->required();
        command.add_option("--contract", contract_file_, "The proposed contract (OpenAPI 3 or Swagger 2.0, YAML or JSON)")->required();
        command.add_option("--content-type", content_type_, "The contract's content type (default: told from the text)");
        auto* environment = command.add_option("--to-environment,--environment", environment_,
                                               "Only the consumer versions deployed or released in this environment now");
        command.add_option("--branch", branch_, "Only the head of this branch of each consumer (instead of main branches and environments)")
            ->excludes(environment);
        add_output_option(command, output_, {"json", "text"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        nlohmann::json contract = {{"content", pact::base64_encode(read_whole_file(contract_file_, "contract file"))}};
        if (!content_type_.empty()) contract["contentType"] = content_type_;
        nlohmann::json body = {{"contract", std::move(contract)}};
        if (!environment_.empty()) body["environment"] = environment_;
        if (!branch_.empty()) body["branch"] = branch_;
        const broker_client::template_variables variables{{"provider", provider_}};
        const auto href = value_or_throw(co_await index_href_or(client, "pb:can-i-change", "/provider-contracts/provider/{provider}/can-i-change", variables));
        const auto answer = value_or_throw(co_await client.post(href, body));
        const bool compatible = answer.value("compatible", false);
        if (output_ == "json") {
            print_json(out, answer, true);
            co_return compatible ? 0 : 1;
        }
        const auto consumers = answer.value("consumers", nlohmann::json::array());
        for (const auto& consumer : consumers) {
            const auto who = counted_version_text(consumer);
            if (consumer.value("compatible", false)) {
                out << "✅ " << who << ": compatible\n";
                continue;
            }
            for (const auto& finding : consumer.value("findings", nlohmann::json::array())) {
                if (text_of(finding, "severity") != "error") continue;
                out << "❌ " << who << ": " << text_of(finding, "interaction") << ": " << text_of(finding, "message") << "\n";
            }
        }
        if (consumers.empty()) out << "No consumer version of " << provider_ << " counts" << (environment_.empty() ? "" : " in " + environment_) << ".\n";
        out << (compatible ? "\n✅ The proposed contract of " + provider_ + " breaks no consumer\n"
                           : "\n❌ The proposed contract of " + provider_ + " would break " +
                                 std::to_string(answer.value("summary", nlohmann::json::object()).value("incompatible", 0)) + " consumer version(s)\n");
        co_return compatible ? 0 : 1;
    }

private:
    std::string provider_;
    std::string contract_file_;
    std::string content_type_;
    std::string environment_;
    std::string branch_;
    std::string output_;
};

}  // namespace

std::vector<std::unique_ptr<broker_command>> make_provider_contract_commands() {
    std::vector<std::unique_ptr<broker_command>> commands;
    commands.push_back(std::make_unique<publish_provider_contract_command>());
    commands.push_back(std::make_unique<describe_provider_contract_command>());
    commands.push_back(std::make_unique<can_i_change_command>());
    return commands;
}

}  // namespace pact::cli
