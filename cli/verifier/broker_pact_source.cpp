#include "cli/verifier/broker_pact_source.hpp"

#include "broker_client/http_transport.hpp"
#include "build_info/build_info.hpp"
#include "http/client.hpp"
#include "pact/pact_reader.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <iostream>
#include <regex>
#include <ostream>
#include <sstream>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

// Runs one broker coroutine to completion on a private io_context (the verifier's own flow is
// synchronous around it).
template <typename result_type, typename work_type>
result_type run_with_broker(const broker_client::broker_settings& settings, work_type work) {
    asio::io_context context;
    http::client http_client(context.get_executor(), http::client_options{.tls = settings.tls});
    broker_client::broker_client client(settings, broker_client::make_http_transport(http_client));
    auto future = asio::co_spawn(context, work(client), asio::use_future);
    context.run();
    return future.get();
}

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, ',');) {
        if (!part.empty()) {
            parts.push_back(part);
        }
    }
    return parts;
}

const nlohmann::json& interactions_of(const nlohmann::json& pact) {
    static const nlohmann::json none = nlohmann::json::array();
    for (const char* key : {"interactions", "messages"}) {
        if (pact.contains(key) && pact[key].is_array()) {
            return pact[key];
        }
    }
    return none;
}

class broker_pact_source final : public verifier_pact_source {
public:
    void add_options(CLI::App& command) override {
        const std::string broker = "Pact Broker options";
        const std::string publishing = "Publishing options";
        command.add_option("-b,--broker-url", broker_url_, "URL of the pact broker to fetch pacts from (needs --provider-name)")
            ->envname("PACT_BROKER_BASE_URL")
            ->group(broker);
        command.add_option("--webhook-callback-url", webhook_callback_url_,
                           "URL of the one pact to verify, as a broker webhook gives it (${pactbroker.pactUrl}); needs --broker-url. "
                           "The broker is not asked for pacts to verify; --publish sends the result to this pact")
            ->envname("PACT_WEBHOOK_CALLBACK_URL")
            ->group(broker);
        command.add_option("--consumer-version-selectors", selectors_,
                           "Consumer version selector as JSON, e.g. '{\"mainBranch\":true}' (can be repeated)")
            ->group(broker);
        command.add_option("--consumer-version-tags", consumer_version_tags_,
                           "Consumer tags to use when fetching pacts (comma separated)")
            ->group(broker);
        command.add_option("--consumer-version-branch", consumer_version_branch_,
                           "Verify the latest pact of each consumer on this branch")
            ->group(broker);
        command.add_flag("--enable-pending", selection_.enable_pending, "Enables pending pacts")->group(broker);
        command.add_option("--include-wip-pacts-since", include_wip_pacts_since_,
                           "Also verify work-in-progress pacts published since this date (YYYY-MM-DD)")
            ->group(broker);
        command.add_option("--retries", retries_, "Attempts for broker requests answered 5xx, 408 or 429")
            ->envname("PACT_BROKER_HTTP_RETRIES")
            ->group(broker);
        command.add_flag("--publish", publish_, "Publish the verification results to the Pact Broker")->group(publishing);
        command.add_option("--provider-version", publication_.provider_version,
                           "Provider version that is being verified (required with --publish)")
            ->group(publishing);
        command.add_option("--build-url", build_url_, "URL of the build to associate with the published results")
            ->group(publishing);
        command.add_option("--provider-tags", provider_tags_, "Provider tags to use when publishing results (comma separated)")
            ->group(publishing);
        command.add_option("--provider-branch", provider_branch_, "Provider branch to use when publishing results")
            ->group(publishing);
    }

    bool requested() const override { return !broker_url_.empty() || !webhook_callback_url_.empty(); }

    std::expected<std::vector<verifier::pact_to_verify>, std::string> load(const verifier_command_options& options) override {
        auto prepared = prepare(options);
        if (!prepared) {
            return std::unexpected(prepared.error());
        }
        auto fetched = run_with_broker<broker_client::broker_result<std::vector<broker_client::pact_to_verify>>>(
            settings_, [this](broker_client::broker_client& client) {
                return webhook_callback_url_.empty() ? broker_client::fetch_pacts_to_verify(client, selection_)
                                                     : fetch_one_pact(client, webhook_callback_url_);
            });
        if (!fetched) {
            return std::unexpected(fetched.error().to_string());
        }
        if (fetched->empty() && !options.ignore_no_pacts_error) {
            return std::unexpected("No pacts found for provider '" + selection_.provider_name +
                                   "' matching the given consumer version selectors in the pact broker at " +
                                   settings_.base_url);
        }
        std::vector<verifier::pact_to_verify> pacts;
        for (auto& fetched_pact : *fetched) {
            // The reader sees the pact as published: the broker's own keys are not part of it.
            auto document = fetched_pact.pact;
            document.erase("_links");
            document.erase("createdAt");
            auto read = read_pact(std::move(document), fetched_pact.href);
            if (!read) {
                return std::unexpected("the broker's pact " + read.error().to_string());
            }
            for (const auto& text : broker_client::notices_for(fetched_pact, "before_verification")) {
                std::cout << text << "\n";
            }
            pacts.push_back({std::move(*read), fetched_pact.href, fetched_pact.pending});
            fetched_.push_back(std::move(fetched_pact));
        }
        return pacts;
    }

    bool finish(const verifier::verification_report& report, const verifier_command_options&, std::ostream& out) override {
        for (const auto& fetched_pact : fetched_) {
            const auto result = std::ranges::find_if(
                report.pacts, [&](const verifier::pact_result& pact) { return pact.source == fetched_pact.href; });
            if (result == report.pacts.end() || result->interactions.empty()) {
                continue;
            }
            bool published = false;
            if (publish_) {
                const auto outcomes = interaction_outcomes(*result, fetched_pact.pact);
                const auto answer = run_with_broker<broker_client::broker_result<nlohmann::json>>(
                    settings_, [&](broker_client::broker_client& client) {
                        return broker_client::publish_verification_result(client, fetched_pact, publication_, outcomes);
                    });
                if (answer) {
                    published = true;
                    out << "Verification result published for the pact between " << result->consumer << " and "
                        << result->provider << " (" << (result->success() ? "success" : "failure") << ")\n";
                } else {
                    // As the official verifier: a failed publication is reported, the exit code stays.
                    out << "Publishing of verification results failed: " << answer.error().to_string() << "\n";
                }
            }
            for (const auto& text : broker_client::notices_for(
                     fetched_pact, broker_client::after_verification_moment(result->success(), published))) {
                out << text << "\n";
            }
        }
        return true;
    }

private:
    // The pact a webhook named, as a pact to verify (not pending: the broker was not asked).
    static asio::awaitable<broker_client::broker_result<std::vector<broker_client::pact_to_verify>>> fetch_one_pact(
        broker_client::broker_client& client, std::string href) {
        auto document = co_await client.get(href);
        if (!document) co_return std::unexpected(std::move(document.error()));
        std::vector<broker_client::pact_to_verify> pacts(1);
        pacts[0].href = std::move(href);
        pacts[0].pact = std::move(*document);
        co_return pacts;
    }

    // Checks the flags and builds the settings and the selection.
    std::expected<void, std::string> prepare(const verifier_command_options& options) {
        if (broker_url_.empty()) {
            return std::unexpected("--webhook-callback-url needs --broker-url");
        }
        if (options.provider_name.empty() && webhook_callback_url_.empty()) {
            return std::unexpected("--broker-url needs --provider-name");
        }
        if (!options.locations.token.empty() && !options.locations.user.empty()) {
            return std::unexpected("--user and --token cannot be used together");
        }
        if (publish_ && publication_.provider_version.empty()) {
            return std::unexpected("--publish needs --provider-version");
        }
        broker_client::command_line_broker_options connection;
        connection.base_url = broker_url_;
        if (!options.locations.user.empty()) {
            connection.username = options.locations.user;
            connection.password = options.locations.password;
        }
        if (!options.locations.token.empty()) {
            connection.token = options.locations.token;
        }
        connection.retries = retries_;
        connection.tls = options.locations.tls;
        auto settings = broker_client::resolve_settings(connection);
        if (!settings) {
            return std::unexpected(settings.error());
        }
        settings_ = std::move(*settings);
        settings_.user_agent = "pact-cpp-verifier";

        selection_.provider_name = options.provider_name;
        selection_.consumer_version_tags = split_commas(consumer_version_tags_);
        for (const auto& text : selectors_) {
            auto selector = nlohmann::json::parse(text, nullptr, false);
            if (selector.is_discarded() || !selector.is_object()) {
                return std::unexpected("--consumer-version-selectors needs a JSON object, not '" + text + "'");
            }
            selection_.consumer_version_selectors.push_back(std::move(selector));
        }
        if (!consumer_version_branch_.empty()) {
            selection_.consumer_version_selectors.push_back({{"branch", consumer_version_branch_}});
        }
        if (!include_wip_pacts_since_.empty()) {
            selection_.include_wip_pacts_since = include_wip_pacts_since_;
        }
        if (!provider_branch_.empty()) {
            selection_.provider_branch = provider_branch_;
            publication_.provider_branch = provider_branch_;
        }
        selection_.provider_tags = split_commas(provider_tags_);
        publication_.provider_tags = selection_.provider_tags;
        publication_.verifier_version = std::string(build_info::version());
        if (!build_url_.empty()) {
            publication_.build_url = build_url_;
        }
        return {};
    }

    std::string broker_url_;
    std::string webhook_callback_url_;
    std::vector<std::string> selectors_;
    std::string consumer_version_tags_;
    std::string consumer_version_branch_;
    std::string include_wip_pacts_since_;
    std::optional<int> retries_;
    bool publish_ = false;
    std::string build_url_;
    std::string provider_tags_;
    std::string provider_branch_;

    broker_client::broker_settings settings_;
    broker_client::pact_selection selection_;
    broker_client::verification_publication publication_;
    std::vector<broker_client::pact_to_verify> fetched_;
};

}  // namespace

std::vector<broker_client::interaction_outcome> interaction_outcomes(const verifier::pact_result& result,
                                                                     const nlohmann::json& pact_as_served) {
    const auto& interactions = interactions_of(pact_as_served);
    std::vector<broker_client::interaction_outcome> outcomes;
    for (const auto& interaction : result.interactions) {
        broker_client::interaction_outcome outcome;
        if (interaction.index < interactions.size()) {
            outcome.interaction_id = broker_client::string_member(interactions[interaction.index], "_id");
        }
        outcome.description = interaction.description;
        outcome.success = interaction.success;
        for (const auto& mismatch : interaction.mismatches) {
            nlohmann::json reported = {{"attribute", mismatch.part}, {"description", mismatch.message}};
            if (!mismatch.path.empty()) {
                reported["identifier"] = mismatch.path;
            }
            outcome.mismatches.push_back(std::move(reported));
        }
        if (interaction.error) {
            outcome.exceptions.push_back(*interaction.error);
        }
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

std::unique_ptr<verifier_pact_source> make_broker_pact_source() { return std::make_unique<broker_pact_source>(); }

std::expected<std::vector<loaded_pact>, std::string> load_latest_pacts_from_broker(const broker_pacts_request& request) {
    std::vector<std::regex> consumers;
    std::vector<std::regex> providers;
    try {
        for (const auto& name : request.consumer_names) consumers.emplace_back(name);
        for (const auto& name : request.provider_names) providers.emplace_back(name);
    } catch (const std::regex_error& error) {
        return std::unexpected(std::string("--consumer-name/--provider-name: not a regular expression: ") + error.what());
    }
    auto settings = broker_client::resolve_settings(request.connection);
    if (!settings) return std::unexpected(settings.error());
    using documents = broker_client::broker_result<std::vector<std::pair<std::string, nlohmann::json>>>;
    auto fetched = run_with_broker<documents>(*settings, [](broker_client::broker_client& client) -> asio::awaitable<documents> {
        auto latest = co_await client.get_index_relation("pb:latest-pact-versions");
        if (!latest) co_return std::unexpected(std::move(latest.error()));
        std::vector<std::pair<std::string, nlohmann::json>> pacts;
        const auto links = latest->value("_links", nlohmann::json::object()).value("pb:pacts", nlohmann::json::array());
        for (const auto& link : links) {
            const std::string href = broker_client::string_member(link, "href");
            auto pact = co_await client.get(href);
            if (!pact) co_return std::unexpected(std::move(pact.error()));
            pacts.emplace_back(href, std::move(*pact));
        }
        co_return pacts;
    });
    if (!fetched) return std::unexpected(fetched.error().to_string());
    const auto any_matches = [](const std::vector<std::regex>& expressions, const std::string& name) {
        return expressions.empty() || std::ranges::any_of(expressions, [&](const std::regex& expression) {
                   return std::regex_search(name, expression);
               });
    };
    std::vector<loaded_pact> pacts;
    for (auto& [href, document] : *fetched) {
        document.erase("_links");
        document.erase("createdAt");
        auto read = read_pact(std::move(document), href);
        if (!read) return std::unexpected("the broker's pact " + read.error().to_string());
        if (!any_matches(consumers, read->consumer) || !any_matches(providers, read->provider)) continue;
        pacts.push_back({std::move(*read), href});
    }
    return pacts;
}

}  // namespace pact::cli
