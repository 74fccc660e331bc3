// Versions, tags, branches and pacts: create-version-tag, delete-version-tag, describe-version,
// create-or-update-version, delete-branch, list-latest-pact-versions.

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_lookups.hpp"
#include "cli/broker/broker_output.hpp"
#include "cli/broker/version_properties.hpp"

#include <array>
#include <ostream>

namespace pact::cli {

namespace asio = boost::asio;
using namespace std::literals;
using broker_client::broker_error;

namespace {

class create_version_tag_command final : public broker_command {
public:
    std::string name() const override { return "create-version-tag"; }
    std::string description() const override { return "Add a tag to a pacticipant version"; }
    void add_options(CLI::App& command) override {
        command.add_option("-a,--pacticipant", pacticipant_, "The pacticipant name")->required();
        command.add_option("-e,--version", version_, "The pacticipant version")->required();
        auto* tag = command.add_option("-t,--tag", tags_,
                                       "Tag name for pacticipant version (several may follow one --tag)")
                        ->delimiter(',');
        command.add_flag("--auto-create-version", auto_create_version_,
                         "Automatically create the pacticipant version if it does not exist");
        auto* git_branch = command.add_flag("-g,--tag-with-git-branch", tag_with_git_branch_,
                                            "Tag pacticipant version with the name of the current git branch");
        require_unless(command, tag, git_branch);
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        if (tag_with_git_branch_) {
            tags_.push_back(current_git_branch());
        }
        const auto href = value_or_throw(co_await pacticipant_version_href(client, pacticipant_, version_));
        if (!auto_create_version_) {
            if (const auto version = co_await client.get(href); !version) {
                if (version.error().what == broker_error::kind::not_found) {
                    throw command_failure("Version '" + version_ + "' of pacticipant '" + pacticipant_ +
                                          "' does not exist. Use --auto-create-version to create it.");
                }
                throw command_failure(version.error());
            }
        }
        // Every tag is attempted, as the official CLI does; the failures are reported together.
        std::vector<std::string> failures;
        for (const auto& tag : tags_) {
            const broker_client::template_variables variables{
                {"pacticipant", pacticipant_}, {"version", version_}, {"tag", tag}};
            auto tag_href = co_await index_href_or(client, "pb:pacticipant-version-tag"sv,
                                                   "/pacticipants/{pacticipant}/versions/{version}/tags/{tag}"sv, variables);
            const nlohmann::json tag_body{{"name", tag}};
            broker_client::broker_result<nlohmann::json> tagged = std::unexpected(broker_error{});
            if (tag_href) {
                tagged = co_await client.put(*tag_href, tag_body);
            } else {
                tagged = std::unexpected(tag_href.error());
            }
            out << "Tagging version '" << version_ << "' of pacticipant '" << pacticipant_ << "' with tag '" << tag
                << "' - " << (tagged ? "Success" : "Failed") << "\n";
            if (!tagged) {
                failures.push_back(tagged.error().to_string());
            }
        }
        if (!failures.empty()) {
            throw command_failure(std::move(failures));
        }
        co_return 0;
    }

private:
    std::string pacticipant_;
    std::string version_;
    std::vector<std::string> tags_;
    bool auto_create_version_ = false;
    bool tag_with_git_branch_ = false;
};

class delete_version_tag_command final : public broker_command {
public:
    std::string name() const override { return "delete-version-tag"; }
    std::string description() const override { return "Delete a tag from a pacticipant version"; }
    void add_options(CLI::App& command) override {
        command.add_option("-a,--pacticipant", pacticipant_, "The pacticipant name")->required();
        command.add_option("-e,--version", version_, "The pacticipant version")->required();
        command.add_option("-t,--tag", tag_, "Tag name to delete from the pacticipant version")->required();
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const broker_client::template_variables variables{
            {"pacticipant", pacticipant_}, {"version", version_}, {"tag", tag_}};
        const auto href = value_or_throw(co_await index_href_or(
            client, "pb:pacticipant-version-tag"sv, "/pacticipants/{pacticipant}/versions/{version}/tags/{tag}"sv,
            variables));
        // A tag already gone is what the command wants: said, not failed, as the official CLI does.
        const auto deleted = co_await client.remove(href);
        if (!deleted && deleted.error().what != broker_error::kind::not_found) {
            throw command_failure(deleted.error());
        }
        if (deleted) {
            out << "Successfully deleted tag '" << tag_ << "' from version '" << version_ << "' of pacticipant '"
                << pacticipant_ << "'\n";
        } else {
            out << "Tag '" << tag_ << "' for version '" << version_ << "' of pacticipant '" << pacticipant_
                << "' was not found (may have already been deleted)\n";
        }
        co_return 0;
    }

private:
    std::string pacticipant_;
    std::string version_;
    std::string tag_;
};

class describe_version_command final : public broker_command {
public:
    std::string name() const override { return "describe-version"; }
    std::string description() const override {
        return "Describes a pacticipant version. If no version or tag is specified, the latest version is described. "
               "Use --environment to query versions deployed/released to specific environments.";
    }
    void add_options(CLI::App& command) override {
        command.add_option("-a,--pacticipant", pacticipant_, "The name of the pacticipant that the version belongs to")
            ->required();
        auto* version = command.add_option("-e,--version", version_, "The pacticipant version number");
        command.add_option("-l,--latest", latest_tag_, "Describe the latest version, optionally the latest with tag TAG")
            ->expected(0, 1)
            ->option_text("[TAG]")
            ->excludes(version);
        command.add_option("--environment", environment_,
                           "The environment name to describe versions deployed/released to (all of them)");
        command.add_flag("--deployed", deployed_only_, "Show only deployed versions (use with --environment)");
        command.add_flag("--released", released_only_, "Show only released versions (use with --environment)");
        add_output_option(command, output_, {"json", "table"}, "table");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        if (!environment_.empty()) {
            co_return co_await describe_in_environment(client, out);
        }
        broker_client::broker_result<std::string> href;
        const broker_client::template_variables variables{{"pacticipant", pacticipant_}, {"tag", latest_tag_}};
        if (!version_.empty()) {
            href = co_await pacticipant_version_href(client, pacticipant_, version_);
        } else if (!latest_tag_.empty()) {
            href = co_await client.index_href("pb:latest-tagged-version", variables);
        } else {
            href = co_await client.index_href("pb:latest-version", variables);
        }
        const auto version = value_or_throw(co_await client.get(value_or_throw(std::move(href))));
        if (output_ == "json") {
            print_json(out, version, false);
            co_return 0;
        }
        std::string tags;
        for (const auto& tag : broker_client::embedded_list(version, "tags")) {
            tags += (tags.empty() ? "" : ", ") + broker_client::string_member(tag, "name");
        }
        std::string branches;
        for (const auto& branch : broker_client::embedded_list(version, "branchVersions")) {
            branches += (branches.empty() ? "" : ", ") + broker_client::string_member(branch, "name");
        }
        out << render_table({"NAME", "BRANCH", "TAGS"}, {{text_of(version, "number"), branches, tags}});
        co_return 0;
    }

private:
    // What an environment holds of one part of it.
    struct holding {
        const char* relation;
        const char* embedded_list;
        const char* status;
    };
    static constexpr std::array<holding, 2> holdings{
        holding{"pb:currently-deployed-deployed-versions", "deployedVersions", "Deployed"},
        holding{"pb:currently-supported-released-versions", "releasedVersions", "Released"}};

    // --environment: the pacticipant's versions currently deployed to it and released (and supported)
    // there; --deployed or --released keeps one of the two.
    asio::awaitable<int> describe_in_environment(broker_client::broker_client& client, std::ostream& out) {
        const auto environment = value_or_throw(co_await find_environment(client, environment_));
        nlohmann::json versions = nlohmann::json::array();
        std::vector<std::vector<std::string>> rows;
        for (const auto& held : holdings) {
            // Neither flag, or both, shows both.
            const bool deployed = &held == &holdings[0];
            const bool wanted = deployed ? deployed_only_ || !released_only_ : released_only_ || !deployed_only_;
            if (!wanted) {
                continue;
            }
            const auto current =
                value_or_throw(co_await currently_in_environment(client, environment, held.relation, pacticipant_));
            for (const auto& entry : broker_client::embedded_list(current, held.embedded_list)) {
                const auto embedded = entry.value("_embedded", nlohmann::json::object());
                rows.push_back({text_of(embedded.value("version", nlohmann::json::object()), "number"), held.status,
                                environment_, text_of(entry, "applicationInstance")});
                versions.push_back(entry);
            }
        }
        if (output_ == "json") {
            print_json(out, versions, false);
        } else {
            out << render_table({"VERSION", "STATUS", "ENVIRONMENT", "APPLICATION INSTANCE"}, rows);
        }
        co_return 0;
    }

    std::string pacticipant_;
    std::string version_;
    std::string latest_tag_;
    std::string environment_;
    bool deployed_only_ = false;
    bool released_only_ = false;
    std::string output_;
};

class create_or_update_version_command final : public broker_command {
public:
    std::string name() const override { return "create-or-update-version"; }
    std::string description() const override { return "Create or update pacticipant version by version number"; }
    void add_options(CLI::App& command) override {
        command.add_option("-a,--pacticipant", pacticipant_, "The pacticipant name")->required();
        command.add_option("-e,--version", version_, "The pacticipant version number")->required();
        command.add_option("--branch", branch_, "The repository branch name");
        command.add_option("-t,--tag", tags_, "Tag name for pacticipant version (repeatable)")->delimiter(',');
        add_output_option(command, output_, {"json", "text"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto href = value_or_throw(co_await pacticipant_version_href(client, pacticipant_, version_));
        nlohmann::json body = nlohmann::json::object();
        if (!branch_.empty()) {
            body["branch"] = branch_;
        }
        if (!tags_.empty()) {
            body["tags"] = tags_;
        }
        const auto saved = value_or_throw(co_await client.put(href, body));
        if (output_ == "json") {
            print_json(out, saved, false);
        } else {
            out << "✅ Version " << version_ << " of " << pacticipant_ << " saved in the Pact Broker"
                << (branch_.empty() ? "" : " on branch " + branch_) << "\n";
        }
        co_return 0;
    }

private:
    std::string pacticipant_;
    std::string version_;
    std::string branch_;
    std::vector<std::string> tags_;
    std::string output_;
};

class delete_branch_command final : public broker_command {
public:
    std::string name() const override { return "delete-branch"; }
    std::string description() const override {
        return "Deletes a pacticipant branch. Does not delete the versions or pacts/verifications associated with the "
               "branch.";
    }
    void add_options(CLI::App& command) override {
        command.add_option("--branch", branch_, "The pacticipant branch name")->required();
        command.add_option("-a,--pacticipant", pacticipant_, "The name of the pacticipant that the branch belongs to")
            ->required();
        command.add_option("--error-when-not-found", error_when_not_found_,
                           "Raise an error if the branch that is to be deleted is not found")
            ->capture_default_str();
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const broker_client::template_variables variables{{"pacticipant", pacticipant_}, {"branch", branch_}};
        const auto href = value_or_throw(co_await index_href_or(
            client, "pb:pacticipant-branch"sv, "/pacticipants/{pacticipant}/branches/{branch}"sv, variables));
        const auto deleted = co_await client.remove(href);
        if (!deleted && deleted.error().what == broker_error::kind::not_found) {
            if (error_when_not_found_) {
                throw command_failure("Could not delete branch '" + branch_ + "' of pacticipant '" + pacticipant_ +
                                      "' as it was not found");
            }
            out << "Branch '" << branch_ << "' of pacticipant '" << pacticipant_ << "' not found\n";
            co_return 0;
        }
        if (!deleted) {
            throw command_failure(deleted.error());
        }
        out << "✅ Deleted branch '" << branch_ << "' of pacticipant '" << pacticipant_ << "'\n";
        co_return 0;
    }

private:
    std::string branch_;
    std::string pacticipant_;
    bool error_when_not_found_ = true;
};

class list_latest_pact_versions_command final : public broker_command {
public:
    std::string name() const override { return "list-latest-pact-versions"; }
    std::string description() const override { return "List the latest pact for each integration"; }
    void add_options(CLI::App& command) override { add_output_option(command, output_, {"json", "table"}, "table"); }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto latest = value_or_throw(co_await client.get_index_relation("pb:latest-pact-versions"));
        if (output_ == "json") {
            print_json(out, latest, false);
            co_return 0;
        }
        std::vector<std::vector<std::string>> rows;
        if (latest.contains("pacts") && latest["pacts"].is_array()) {
            for (const auto& pact : latest["pacts"]) {
                const auto embedded = pact.value("_embedded", nlohmann::json::object());
                const auto consumer = embedded.value("consumer", nlohmann::json::object());
                const auto consumer_version =
                    consumer.value("_embedded", nlohmann::json::object()).value("version", nlohmann::json::object());
                rows.push_back({text_of(consumer, "name"), text_of(consumer_version, "number"),
                                text_of(embedded.value("provider", nlohmann::json::object()), "name"),
                                text_of(pact, "createdAt")});
            }
        }
        out << render_table({"CONSUMER", "CONSUMER_VERSION", "PROVIDER", "CREATED_AT"}, rows);
        co_return 0;
    }

private:
    std::string output_;
};

}  // namespace

std::vector<std::unique_ptr<broker_command>> make_version_commands() {
    std::vector<std::unique_ptr<broker_command>> commands;
    commands.push_back(std::make_unique<list_latest_pact_versions_command>());
    commands.push_back(std::make_unique<delete_branch_command>());
    commands.push_back(std::make_unique<create_version_tag_command>());
    commands.push_back(std::make_unique<delete_version_tag_command>());
    commands.push_back(std::make_unique<describe_version_command>());
    commands.push_back(std::make_unique<create_or_update_version_command>());
    return commands;
}

}  // namespace pact::cli
