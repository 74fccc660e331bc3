// Deployments and releases: record-deployment, record-undeployment, record-release, record-support-ended.

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_lookups.hpp"
#include "cli/broker/broker_output.hpp"

#include <ostream>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

// What differs between recording a deployment and recording a release.
struct recording_kind {
    const char* command;
    const char* description;
    const char* relation;  // on the version resource: one link per environment
    const char* noun;      // "deployment", "release"
    bool application_instance;
};

constexpr recording_kind deployment{"record-deployment", "Record deployment of a pacticipant version to an environment",
                                    "pb:record-deployment", "deployment", true};
constexpr recording_kind release{"record-release", "Record release of a pacticipant version to an environment.",
                                 "pb:record-release", "release", false};

class record_command final : public broker_command {
public:
    explicit record_command(const recording_kind& kind) : kind_(kind) {}
    std::string name() const override { return kind_.command; }
    std::string description() const override { return kind_.description; }
    void add_options(CLI::App& command) override {
        command.add_option("-a,--pacticipant", pacticipant_, "The name of the pacticipant")->required();
        command.add_option("-e,--version", version_, "The pacticipant version number")->required();
        command.add_option("--environment", environment_, "The name of the environment")->required();
        if (kind_.application_instance) {
            command.add_option("--application-instance", application_instance_,
                               "The application instance to which the deployment has occurred");
        }
        add_output_option(command, output_, {"json", "text", "pretty"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto href = value_or_throw(co_await pacticipant_version_href(client, pacticipant_, version_));
        const auto version = value_or_throw(co_await client.get(href));
        std::optional<std::string> record_href;
        for (const auto& link : broker_client::find_links(version, kind_.relation)) {
            if (link.name == environment_) {
                record_href = link.href;
            }
        }
        if (!record_href) {
            throw command_failure("Environment " + environment_ + " does not exist");
        }
        nlohmann::json body = nlohmann::json::object();
        if (!application_instance_.empty()) {
            body = {{"applicationInstance", application_instance_}, {"target", application_instance_}};
        }
        const auto recorded = value_or_throw(co_await client.post(*record_href, body));
        if (output_ != "text") {
            print_json(out, recorded, output_ == "pretty");
            co_return 0;
        }
        out << "✅ Recorded " << kind_.noun << " of " << pacticipant_ << " version " << version_ << " to "
            << environment_ << " environment";
        if (!application_instance_.empty()) {
            out << " (application instance " << application_instance_ << ")";
        }
        out << " in the Pact Broker.\n";
        co_return 0;
    }

private:
    const recording_kind& kind_;
    std::string pacticipant_;
    std::string version_;
    std::string environment_;
    std::string application_instance_;
    std::string output_;
};

// What differs between ending a deployment and ending the support of a release.
struct ending_kind {
    const char* command;
    const char* description;
    const char* currently_relation;  // on the environment resource
    const char* embedded_list;       // in the answer of that relation
    const char* flag;                // the merge-patch member set to false
    bool by_version;                 // support ends for one version; undeployment for whatever is deployed
};

constexpr ending_kind undeployment{"record-undeployment", "Record undeployment of a pacticipant version from an environment.",
                                   "pb:currently-deployed-deployed-versions", "deployedVersions", "currentlyDeployed",
                                   false};
constexpr ending_kind support_ended{"record-support-ended",
                                    "Record the end of support for a pacticipant version in an environment.",
                                    "pb:currently-supported-released-versions", "releasedVersions",
                                    "currentlySupported", true};

class end_command final : public broker_command {
public:
    explicit end_command(const ending_kind& kind) : kind_(kind) {}
    std::string name() const override { return kind_.command; }
    std::string description() const override { return kind_.description; }
    void add_options(CLI::App& command) override {
        command.add_option("-a,--pacticipant", pacticipant_, "The name of the pacticipant")->required();
        if (kind_.by_version) {
            command.add_option("-e,--version", version_, "The pacticipant version number")->required();
        } else {
            command.add_option("--application-instance", application_instance_,
                               "The application instance from which the application is being undeployed");
        }
        command.add_option("--environment", environment_, "The name of the environment")->required();
        add_output_option(command, output_, {"json", "text", "pretty"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto environment = value_or_throw(co_await find_environment(client, environment_));
        const auto current =
            value_or_throw(co_await currently_in_environment(client, environment, kind_.currently_relation, pacticipant_));
        nlohmann::json answers = nlohmann::json::array();
        for (const auto& entry : broker_client::embedded_list(current, kind_.embedded_list)) {
            if (!matches(entry)) {
                continue;
            }
            const auto self = broker_client::find_link(entry, "self");
            if (!self) {
                continue;
            }
            const nlohmann::json ending{{kind_.flag, false}};
            answers.push_back(value_or_throw(co_await client.patch(self->href, ending)));
        }
        if (answers.empty()) {
            throw command_failure(pacticipant_ + (kind_.by_version ? " version " + version_ : std::string()) +
                                  " is not currently " +
                                  (kind_.by_version ? "released and supported in " : "deployed to ") + environment_ +
                                  " environment. Cannot record " +
                                  (kind_.by_version ? "support ended" : "undeployment") + ".");
        }
        if (output_ != "text") {
            print_json(out, answers.size() == 1 ? answers[0] : answers, output_ == "pretty");
        } else if (kind_.by_version) {
            out << "✅ Recorded support ended for " << pacticipant_ << " version " << version_ << " in " << environment_
                << " environment in the Pact Broker\n";
        } else {
            out << "✅ ♻️ Undeployed " << pacticipant_ << " from " << environment_ << " environment"
                << (application_instance_.empty() ? "" : " (application instance " + application_instance_ + ")")
                << "\n";
        }
        co_return 0;
    }

private:
    // Whether a currently deployed/supported entry is the one to end.
    [[nodiscard]] bool matches(const nlohmann::json& entry) const {
        const auto embedded = entry.value("_embedded", nlohmann::json::object());
        if (broker_client::string_member(embedded.value("pacticipant", nlohmann::json::object()), "name") != pacticipant_) {
            return false;
        }
        if (kind_.by_version) {
            return broker_client::string_member(embedded.value("version", nlohmann::json::object()), "number") == version_;
        }
        const auto instance = broker_client::string_member(entry, "applicationInstance",
                                                           broker_client::string_member(entry, "target"));
        return instance == application_instance_;
    }

    const ending_kind& kind_;
    std::string pacticipant_;
    std::string version_;
    std::string application_instance_;
    std::string environment_;
    std::string output_;
};

}  // namespace

std::vector<std::unique_ptr<broker_command>> make_deployment_commands() {
    std::vector<std::unique_ptr<broker_command>> commands;
    commands.push_back(std::make_unique<record_command>(deployment));
    commands.push_back(std::make_unique<end_command>(undeployment));
    commands.push_back(std::make_unique<record_command>(release));
    commands.push_back(std::make_unique<end_command>(support_ended));
    return commands;
}

}  // namespace pact::cli
