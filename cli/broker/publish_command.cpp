// `pact broker publish DIR|FILE|GLOB... --consumer-app-version V [--branch B] [--tag T] [--build-url U] [--merge]
// [--auto-detect-version-properties] [--tag-with-git-branch] [--validate [--strict]]`

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_output.hpp"
#include "cli/broker/pact_validation.hpp"
#include "cli/broker/version_properties.hpp"

#include "broker_client/contract_publication.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <regex>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

// Notices as the official CLI prints them: whitespace runs collapsed, one per line.
std::string collapse_whitespace(const std::string& text) {
    static const std::regex runs("\\s+");
    auto collapsed = std::regex_replace(text, runs, " ");
    const auto first = collapsed.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : collapsed.substr(first);
}

class publish_command final : public broker_command {
public:
    std::string name() const override { return "publish"; }
    std::string description() const override { return "Publishes pacts to the Pact Broker"; }

    void add_options(CLI::App& command) override {
        command.add_option("files", locations_, "Pact files, directories of pact files, or glob patterns")->required();
        auto* version = command.add_option("-a,--consumer-app-version", publication_.consumer_version,
                                           "The consumer application version (required unless detected with -r)");
        command.add_option("--branch", branch_, "Repository branch of the consumer version");
        auto* auto_detect =
            command.add_flag("-r,--auto-detect-version-properties", auto_detect_version_properties_,
                             "Detect the commit (as the version when -a is absent), branch and build URL from the CI's "
                             "environment variables or the git command");
        command.add_option("-t,--tag", publication_.tags, "Tag name for consumer version (repeatable, or comma separated)")
            ->delimiter(',');
        command.add_flag("-g,--tag-with-git-branch", tag_with_git_branch_,
                         "Tag the consumer version with the current git branch (from the CI's variables or git)");
        command.add_option("--build-url", build_url_, "The build URL that created the pact");
        command.add_flag("--merge", publication_.merge,
                         "If a pact already exists for this consumer version and provider, merge the contents");
        command.add_flag("--validate", validate_,
                         "Validate the pact files before publishing: print what was found, exit 2 on an error");
        command.add_flag("--strict", strict_,
                         "With --validate, attributes the specification does not define are errors, not warnings");
        add_output_option(command, output_, {"json", "text", "pretty"}, "text");
        require_unless(command, version, auto_detect);
    }

    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        if (auto_detect_version_properties_) {
            detect_version_properties(out);
        }
        if (publication_.consumer_version.empty()) {
            throw command_failure("Consumer app version is required to publish pact: none was given with "
                                  "--consumer-app-version and none could be detected from git");
        }
        if (tag_with_git_branch_) {
            publication_.tags.push_back(current_git_branch());
        }
        if (!branch_.empty()) {
            publication_.branch = branch_;
        }
        if (!build_url_.empty()) {
            publication_.build_url = build_url_;
        }
        const auto files = value_or_throw(broker_client::find_pact_files(locations_));
        if (validate_) {
            validate(files, out);
        }
        for (const auto& contract : value_or_throw(broker_client::read_contracts(files))) {
            if (output_ == "text") {
                out << "📨 Attempting to publish pact for consumer: " << contract.consumer
                    << " against provider: " << contract.provider << "\n";
            }
            const auto href = value_or_throw(co_await client.index_href("pb:publish-contracts"));
            const auto answer = co_await client.post(href, broker_client::publication_body(contract, publication_));
            if (!answer) {
                throw command_failure("Pact publication failed for consumer: " + contract.consumer +
                                          " against provider: " + contract.provider,
                                      answer.error());
            }
            if (output_ != "text") {
                print_json(out, *answer, output_ == "pretty");
                continue;
            }
            const auto notices = broker_client::read_notices(*answer);
            if (notices.empty()) {
                out << "✅ Pact published successfully for consumer: " << contract.consumer
                    << " against provider: " << contract.provider << "\n";
                continue;
            }
            out << "✅ ";
            for (const auto& notice : notices) {
                out << collapse_whitespace(notice.text) << "\n";
            }
        }
        co_return 0;
    }

private:
    // -r: the commit stands for a version not given, the branch and build URL for those not given.
    void detect_version_properties(std::ostream& out) {
        // `given` names the flag as the official CLI's message does, `what` the detected property.
        const auto detect = [&out](std::string& value, const char* given, const char* what, const auto& detected) {
            if (!value.empty()) {
                out << "🔍 auto_detect_version_properties set to true, but " << given << " provided " << value << "\n";
            } else if (detected) {
                value = *detected;
                out << "🔍 Auto detected " << what << ": " << value << "\n";
            }
        };
        detect(publication_.consumer_version, "consumer_app_version", "git commit", detect_git_commit());
        detect(branch_, "branch", "git branch", detect_git_branch());
        detect(build_url_, "build_url", "build URL", detect_build_url());
    }

    // --validate: the findings as the official CLI prints them; an error stops before anything is sent.
    void validate(const std::vector<std::filesystem::path>& files, std::ostream& out) const {
        std::vector<file_validation> validations;
        for (const auto& file : files) {
            validations.push_back(validate_pact_file(file, strict_));
        }
        out << to_json(validations).dump(2) << "\n";
        if (std::ranges::any_of(validations, &file_validation::has_errors)) {
            throw command_failure({"Pact validation failed: nothing was published"}, 2);
        }
    }

    std::vector<std::string> locations_;
    broker_client::publication_options publication_;
    std::string branch_;
    std::string build_url_;
    bool auto_detect_version_properties_ = false;
    bool tag_with_git_branch_ = false;
    bool validate_ = false;
    bool strict_ = false;
    std::string output_;
};

}  // namespace

std::unique_ptr<broker_command> make_publish_command() { return std::make_unique<publish_command>(); }

}  // namespace pact::cli
