// `pact broker can-i-deploy` and `pact broker can-i-merge`: ask the broker's matrix whether versions
// can be deployed (or merged), print why, exit 1 when the answer is not yes (in the table output; with
// `-o json` the exit code is 0 and the answer is the JSON's summary.deployable, as the official CLI does);
// with --explain, the broker's explanation of each integration that is not a clear yes.

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_output.hpp"

#include "broker_client/matrix_query.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdlib>
#include <ostream>
#include <sstream>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

// What the polling and exit-code options said.
struct answer_options {
    std::string output = "table";
    unsigned retry_while_unknown = 0;
    unsigned retry_interval_seconds = 10;
    bool dry_run = false;
    bool explain = false;
};

void add_answer_options(CLI::App& command, answer_options& options) {
    add_output_option(command, options.output, {"json", "table"}, "table");
    command.get_option("--output")
        ->description("Output format; with json the exit code is 0 whatever the answer (read summary.deployable)");
    command.add_option("--retry-while-unknown", options.retry_while_unknown,
                       "The number of times to retry while there is an unknown verification result");
    command.add_option("--retry-interval", options.retry_interval_seconds,
                       "The time between retries in seconds (use with --retry-while-unknown)")
        ->capture_default_str();
    command.add_flag("--dry-run", options.dry_run,
                     "Always exit with a success code (also PACT_BROKER_CAN_I_DEPLOY_DRY_RUN=true)");
    command.add_flag("--explain", options.explain,
                     "For each integration that is not a clear yes, print the cause and the command that would settle it");
}

std::string success_text(const std::optional<bool>& success) {
    if (!success) {
        return "unknown";
    }
    return *success ? "true" : "false";
}

void print_table(std::ostream& out, const broker_client::matrix_answer& answer) {
    if (!answer.rows.empty()) {
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> verifications;
        for (const auto& row : answer.rows) {
            std::string result = "0";  // as the official CLI: the number of the verification result, 0 for none
            if (!row.verification_href.empty()) {
                verifications.push_back(row.verification_href + " (" +
                                        (row.verification_success.value_or(false) ? "success" : "failure") + ")");
                result = std::to_string(verifications.size());
            }
            rows.push_back({row.consumer, row.consumer_version.empty() ? "unknown" : row.consumer_version, row.provider,
                            row.provider_version.empty() ? "unknown" : row.provider_version,
                            success_text(row.verification_success) + (row.ignored ? " [ignored]" : ""), result});
        }
        out << render_table({"CONSUMER", "C.VERSION", "PROVIDER", "P.VERSION", "SUCCESS?", "RESULT"}, rows);
        if (!verifications.empty()) {
            out << "\nVERIFICATION RESULTS\n--------------------\n";
            for (std::size_t index = 0; index < verifications.size(); ++index) {
                out << index + 1 << ". " << verifications[index] << "\n";
            }
        }
        out << "\n";
    }
    if (answer.notices.empty()) {
        out << answer.reason << "\n";
    }
    for (const auto& notice : answer.notices) {
        out << notice.text << "\n";
    }
    out << "\n";
}

void print_explanations(std::ostream& out, const broker_client::matrix_answer& answer) {
    if (answer.explanations.empty()) {
        out << "The broker gave no explanations (the Pact Broker does not give them; this project's broker does).\n\n";
        return;
    }
    out << "WHY, AND WHAT WOULD SETTLE IT\n-----------------------------\n";
    for (const auto& explanation : answer.explanations) {
        out << "[" << explanation.code << "] " << explanation.text << "\n";
        if (!explanation.command.empty()) {
            out << "    " << explanation.command << "\n";
        }
    }
    out << "\n";
}

// Asks until the answer is known (or the retries are used up), prints it, returns the exit code; throws
// command_failure when the broker gave no answer, or when the answer is no (unless a dry run).
asio::awaitable<int> ask(broker_client::broker_client& client, const broker_client::matrix_query& query,
                         const answer_options& options, std::ostream& out) {
    const auto href = "/matrix?" + broker_client::matrix_query_string(query);
    const char* dry_run_variable = std::getenv("PACT_BROKER_CAN_I_DEPLOY_DRY_RUN");
    const bool dry_run = options.dry_run || (dry_run_variable != nullptr && std::string(dry_run_variable) == "true");
    nlohmann::json body;
    std::optional<broker_client::matrix_answer> answer;
    std::string failure;
    for (unsigned attempt = 0;; ++attempt) {
        answer.reset();
        if (auto fetched = co_await client.get(href); !fetched) {
            failure = fetched.error().to_string();
        } else if (auto read = broker_client::read_matrix_answer(*fetched); !read) {
            failure = read.error();
        } else {
            body = std::move(*fetched);
            answer = std::move(*read);
        }
        if ((answer && answer->deployable.has_value()) || attempt >= options.retry_while_unknown) {
            break;
        }
        out << "Waiting for verification results to be published (retrying in " << options.retry_interval_seconds
            << " seconds, " << options.retry_while_unknown - attempt << " attempts left)\n";
        asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::seconds(options.retry_interval_seconds));
        co_await timer.async_wait(asio::use_awaitable);
    }
    if (!answer) {
        throw command_failure(failure);
    }
    if (options.output == "json") {
        print_json(out, body, false);
        co_return 0;
    }
    print_table(out, *answer);
    if (options.explain && answer->deployable != true) {
        print_explanations(out, *answer);
    }
    if (answer->deployable == true) {
        out << "✅ Computer says yes \\o/\n";
        co_return 0;
    }
    out << "❌ Computer says no ¯\\_(ツ)_/¯\n";
    if (dry_run) {
        out << "📌 Dry run enabled, suppressing failing exit code\n";
        co_return 0;
    }
    throw command_failure("No deployable version found");
}

class can_i_deploy_command final : public broker_command {
public:
    std::string name() const override { return "can-i-deploy"; }
    std::string description() const override { return "Check if a pacticipant can be deployed."; }

    void add_options(CLI::App& command) override {
        command_ = &command;
        pacticipant_ = command.add_option("-a,--pacticipant", pacticipants_,
                                          "The pacticipant name; the options that follow it apply to it")
                           ->required();
        version_ = command.add_option("-e,--version", versions_, "The pacticipant version (after --pacticipant or --ignore)");
        // "--latest" alone or "--latest TAG": an occurrence without a value yields the marker.
        latest_ = command.add_option("-l,--latest", latest_values_, "Use the latest version, optionally with the tag TAG")
                      ->expected(0, 1)
                      ->default_str(std::string(latest_without_tag))
                      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                      ->option_text("[TAG]");
        tag_ = command.add_option("--tag", tags_, "The tag of the version to check");
        branch_ = command.add_option("--branch", branches_, "The branch of the version to check");
        main_branch_ = command.add_flag("--main-branch", main_branch_count_,
                                        "Use the latest version of the pacticipant's main branch");
        // Accepted with a value, as the official CLI takes them; not using the main branch is the default,
        // so they change nothing in the question.
        auto* no_main_branch =
            command.add_option("--no-main-branch", not_main_branch_values_, "Do not use the pacticipant's main branch")
                ->expected(1)
                ->option_text("VALUE")
                ->excludes(main_branch_);
        command.add_option("--skip-main-branch", not_main_branch_values_, "Skip the pacticipant's main branch")
            ->expected(1)
            ->option_text("VALUE")
            ->excludes(main_branch_)
            ->excludes(no_main_branch);
        ignore_ = command.add_option("--ignore", ignores_, "A pacticipant to ignore (a --version may follow it)");
        command.add_option("--to-environment", to_environment_, "The environment to deploy to");
        command.add_option("--to", to_tag_, "The tag of the integrated applications' versions to check against");
        add_answer_options(command, answer_);
    }

    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        auto query = selectors_in_order();
        if (!to_environment_.empty()) {
            query.to_environment = to_environment_;
        }
        if (!to_tag_.empty()) {
            query.to_tag = to_tag_;
        }
        if (const char* ignored = std::getenv("PACT_BROKER_CAN_I_DEPLOY_IGNORE"); ignored != nullptr) {
            std::stringstream names(ignored);
            for (std::string name; std::getline(names, name, ',');) {
                if (!name.empty()) {
                    query.ignores.push_back({name, std::nullopt});
                }
            }
        }
        co_return co_await ask(client, query, answer_, out);
    }

private:
    static constexpr std::string_view latest_without_tag = "\x01";

    // --version, --latest, --tag, --branch and --main-branch apply to the --pacticipant (or --ignore)
    // before them, so the selectors follow the order the options were given in.
    broker_client::matrix_query selectors_in_order() const {
        broker_client::matrix_query query;
        std::size_t pacticipant_index = 0, version_index = 0, latest_index = 0, tag_index = 0, branch_index = 0,
                    ignore_index = 0;
        bool version_applies_to_ignore = false;
        for (const auto* option : command_->parse_order()) {
            if (option == pacticipant_) {
                query.selectors.push_back({.pacticipant = pacticipants_[pacticipant_index++]});
                version_applies_to_ignore = false;
            } else if (option == ignore_) {
                query.ignores.push_back({ignores_[ignore_index++], std::nullopt});
                version_applies_to_ignore = true;
            } else if (option == version_) {
                const auto& version = versions_[version_index++];
                if (version_applies_to_ignore) {
                    query.ignores.back().version = version;
                } else if (!query.selectors.empty()) {
                    query.selectors.back().version = version;
                }
            } else if (!query.selectors.empty()) {
                auto& selector = query.selectors.back();
                if (option == latest_) {
                    selector.latest = true;
                    if (const auto& value = latest_values_[latest_index++]; value != latest_without_tag) {
                        selector.latest_tag = value;
                    }
                } else if (option == tag_) {
                    selector.tags.push_back(tags_[tag_index++]);
                } else if (option == branch_) {
                    selector.branch = branches_[branch_index++];
                } else if (option == main_branch_) {
                    selector.main_branch = true;
                }
            }
        }
        return query;
    }

    CLI::App* command_ = nullptr;
    CLI::Option* pacticipant_ = nullptr;
    CLI::Option* version_ = nullptr;
    CLI::Option* latest_ = nullptr;
    CLI::Option* tag_ = nullptr;
    CLI::Option* branch_ = nullptr;
    CLI::Option* main_branch_ = nullptr;
    CLI::Option* ignore_ = nullptr;
    std::vector<std::string> pacticipants_, versions_, latest_values_, tags_, branches_, ignores_;
    std::vector<std::string> not_main_branch_values_;
    std::string to_environment_;
    std::string to_tag_;
    int main_branch_count_ = 0;
    answer_options answer_;
};

class can_i_merge_command final : public broker_command {
public:
    std::string name() const override { return "can-i-merge"; }
    std::string description() const override {
        return "Checks if the specified pacticipant version is compatible with the configured main branch of each of "
               "the pacticipants with which it is integrated.";
    }

    void add_options(CLI::App& command) override {
        command.add_option("-a,--pacticipant", pacticipant_, "The pacticipant name")->required();
        command.add_option("-e,--version", version_, "The pacticipant version");
        add_answer_options(command, answer_);
    }

    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        broker_client::matrix_query query;
        query.selectors.push_back({.pacticipant = pacticipant_});
        if (!version_.empty()) {
            query.selectors.back().version = version_;
        } else {
            query.selectors.back().latest = true;
        }
        query.against_main_branches = true;
        co_return co_await ask(client, query, answer_, out);
    }

private:
    std::string pacticipant_;
    std::string version_;
    answer_options answer_;
};

}  // namespace

std::unique_ptr<broker_command> make_can_i_deploy_command() { return std::make_unique<can_i_deploy_command>(); }
std::unique_ptr<broker_command> make_can_i_merge_command() { return std::make_unique<can_i_merge_command>(); }

}  // namespace pact::cli
